import { useEffect, useState } from 'preact/hooks';

export interface OptionsHost {
  builtIn: string[];
  list(): Promise<string[]>;
  /** Asks for the host permission (must run inside the click) and registers capture for it. */
  add(pattern: string): Promise<void>;
  remove(pattern: string): Promise<void>;
  toPattern(input: string): { pattern: string } | { error: string };
}

export function OptionsPage({ host }: { host: OptionsHost }) {
  const [origins, setOrigins] = useState<string[]>([]);
  const [input, setInput] = useState('');
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  const refresh = () => host.list().then(setOrigins, (e: unknown) => setMessage({ text: String(e), error: true }));
  useEffect(() => void refresh(), []);

  const onAdd = (event: Event) => {
    event.preventDefault();
    const result = host.toPattern(input);
    if ('error' in result) {
      setMessage({ text: result.error, error: true });
      return;
    }
    host.add(result.pattern).then(
      () => {
        setInput('');
        setMessage({
          text: `Capturing on ${result.pattern}. Reload those pages so capture starts at page load.`,
          error: false,
        });
        void refresh();
      },
      (e: unknown) => setMessage({ text: e instanceof Error ? e.message : String(e), error: true }),
    );
  };

  return (
    <main class="options">
      <h1>WxCC Inspector — where it captures</h1>
      <section>
        <h2>Agent Desktop origins (always)</h2>
        <ul class="origins">
          {host.builtIn.map((o) => (
            <li key={o}>
              <code>{o}</code>
            </li>
          ))}
        </ul>
      </section>
      <section>
        <h2>Other origins</h2>
        <p class="hint">
          For a desktop on another host (a lab, a proxy, a custom build). The browser asks for permission when you add
          one.
        </p>
        {origins.length === 0 ? (
          <p class="hint" role="status">
            None added.
          </p>
        ) : (
          <ul class="origins">
            {origins.map((o) => (
              <li key={o}>
                <code>{o}</code>{' '}
                <button
                  type="button"
                  onClick={() =>
                    host.remove(o).then(() => {
                      setMessage({ text: `No longer capturing on ${o}.`, error: false });
                      return refresh();
                    })
                  }
                  aria-label={`Remove ${o}`}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
        )}
        <form onSubmit={onAdd}>
          <input
            type="text"
            value={input}
            onInput={(e) => setInput((e.target as HTMLInputElement).value)}
            placeholder="https://desktop.example.com"
            aria-label="Origin to capture"
          />
          <button type="submit">Add origin</button>
        </form>
        {message && (
          <p class={message.error ? 'error' : 'ok'} role={message.error ? 'alert' : 'status'}>
            {message.text}
          </p>
        )}
      </section>
    </main>
  );
}
