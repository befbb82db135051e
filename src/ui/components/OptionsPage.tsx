import { useEffect, useState } from 'preact/hooks';
import { formatBytes } from '../frame-log';
import { groupThousands } from '../format';

/** What the extension's store holds (the background's answer). */
export interface StoredUsage {
  tabs: number;
  frames: number;
  bytes: number;
}

/** How long captures are kept: `session` (until the tab closes or the browser quits) or hours. */
export type RetentionChoice = 'session' | number;

export interface OptionsHost {
  builtIn: string[];
  list(): Promise<string[]>;
  /** Asks for the host permission (must run inside the click) and registers capture for it. */
  add(pattern: string): Promise<void>;
  remove(pattern: string): Promise<void>;
  /** A pattern, with `confirm` (the risk, to be accepted first) for subdomain wildcards. */
  toPattern(input: string): { pattern: string; confirm?: string } | { error: string };
  usage(): Promise<StoredUsage>;
  /** Deletes every stored frame of every tab; answers with the usage afterwards. */
  deleteAll(): Promise<StoredUsage>;
  retentionChoices: readonly RetentionChoice[];
  retention(): Promise<RetentionChoice>;
  setRetention(choice: RetentionChoice): Promise<void>;
}

function retentionLabel(choice: RetentionChoice): string {
  if (choice === 'session') return 'until the tab closes or the browser quits (default)';
  return `at most ${choice} hour${choice === 1 ? '' : 's'} (and never past the browser session)`;
}

/** Where captures are kept, how long, how much: and the button that deletes them all. */
function StoredCaptures({ host }: { host: OptionsHost }) {
  const [usage, setUsage] = useState<StoredUsage | null>(null);
  const [retention, setRetention] = useState<RetentionChoice | null>(null);
  const [note, setNote] = useState<{ text: string; error: boolean } | null>(null);
  const fail = (e: unknown) => setNote({ text: e instanceof Error ? e.message : String(e), error: true });
  useEffect(() => {
    host.usage().then(setUsage, fail);
    host.retention().then(setRetention, fail);
  }, []);

  return (
    <section aria-labelledby="stored-heading">
      <h2 id="stored-heading">Stored captures</h2>
      <p class="hint">
        Frames are kept in this browser only (the extension's IndexedDB), for the tab they came from. A tab's capture is
        deleted when the tab closes; captures of tabs that no longer exist, or of an earlier browser session, are
        deleted when the browser starts.
      </p>
      <p role="status" aria-label="Stored">
        {usage === null
          ? 'Reading…'
          : `${groupThousands(usage.frames)} frame${usage.frames === 1 ? '' : 's'} (${formatBytes(usage.bytes)}) stored for ${usage.tabs} tab${usage.tabs === 1 ? '' : 's'}.`}
      </p>
      <label class="retention">
        Keep frames{' '}
        <select
          aria-label="Keep frames"
          value={retention === null ? '' : String(retention)}
          onChange={(e) => {
            const value = (e.target as HTMLSelectElement).value;
            const choice = host.retentionChoices.find((c) => String(c) === value) ?? 'session';
            host.setRetention(choice).then(() => setRetention(choice), fail);
          }}
        >
          {host.retentionChoices.map((c) => (
            <option key={String(c)} value={String(c)}>
              {retentionLabel(c)}
            </option>
          ))}
        </select>
      </label>
      <p>
        <button
          type="button"
          onClick={() =>
            host.deleteAll().then((after) => {
              setUsage(after);
              setNote({ text: 'Every stored capture was deleted.', error: false });
            }, fail)
          }
        >
          Delete all
        </button>
      </p>
      {note && (
        <p class={note.error ? 'error' : 'ok'} role={note.error ? 'alert' : 'status'}>
          {note.text}
        </p>
      )}
    </section>
  );
}

export function OptionsPage({ host }: { host: OptionsHost }) {
  const [origins, setOrigins] = useState<string[]>([]);
  const [input, setInput] = useState('');
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [risky, setRisky] = useState<{ pattern: string; risk: string } | null>(null);

  const refresh = () => host.list().then(setOrigins, (e: unknown) => setMessage({ text: String(e), error: true }));
  useEffect(() => void refresh(), []);

  const add = (pattern: string) => {
    setRisky(null);
    host.add(pattern).then(
      () => {
        setInput('');
        setMessage({
          text: `Capturing on ${pattern}. Reload those pages so capture starts at page load.`,
          error: false,
        });
        void refresh();
      },
      (e: unknown) => setMessage({ text: e instanceof Error ? e.message : String(e), error: true }),
    );
  };

  const onAdd = (event: Event) => {
    event.preventDefault();
    const result = host.toPattern(input);
    if ('error' in result) {
      setRisky(null);
      setMessage({ text: result.error, error: true });
      return;
    }
    if (result.confirm) {
      // Nothing is requested until the user accepts the risk in a second, explicit click.
      setMessage(null);
      setRisky({ pattern: result.pattern, risk: result.confirm });
      return;
    }
    add(result.pattern);
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
        {risky && (
          <div class="risk" role="alert">
            <p>{risky.risk}</p>
            <button type="button" onClick={() => add(risky.pattern)}>
              Capture on every site under {risky.pattern} anyway
            </button>{' '}
            <button type="button" onClick={() => setRisky(null)}>
              Cancel
            </button>
          </div>
        )}
        {message && (
          <p class={message.error ? 'error' : 'ok'} role={message.error ? 'alert' : 'status'}>
            {message.text}
          </p>
        )}
      </section>
      <StoredCaptures host={host} />
    </main>
  );
}
