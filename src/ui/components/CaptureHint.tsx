import type { CaptureHintKind } from '../store/selectors';
import { formatElapsed } from '../format';
import type { Signal } from '@preact/signals';
import { silenceSaid, silenceSeen, type Silence } from '../store/silence';

/**
 * Says in words that no notification socket was seen on a desktop page, what was seen instead
 * (workers, sockets to other hosts) and what to do (issue 11: never an empty panel). One line
 * (the fact, how long, what it saw in brief) that opens on its details: in full it took 45% of a
 * side-docked panel's height above the Frames tab's list. `details`: whether they are open, kept
 * across the tabs that show it.
 */
export function SilenceNotice({
  silence,
  details,
}: {
  silence: Silence & { deepCaptureOffered: boolean };
  details: Signal<boolean>;
}) {
  const headline = `No notification socket in the ${formatElapsed(silence.forMs)} since this page loaded.`;
  const seen = silenceSeen(silence);
  const line = `${headline} ${seen[0]!.toUpperCase()}${seen.slice(1)}.`;
  return (
    <div class="empty silence" data-notice="no-socket">
      {/* Announced once, and again only when what it says changes (`silenceSaid`): the line
          under it counts the seconds and the messages, and a live region around it was read
          out at every tick. */}
      <p class="sr-only" role="alert">
        {silenceSaid(silence)}
      </p>
      <details open={details.value} onToggle={(e) => (details.value = (e.currentTarget as HTMLDetailsElement).open)}>
        {/* The line ends in "…" on a narrow dock: its tooltip holds all of it, the details say it again. */}
        <summary title={`${line} Open for what it saw and what to do.`}>
          <strong>{headline}</strong> {line.slice(headline.length + 1)}
        </summary>
        <p>The Agent Desktop opens it within seconds, in the page or in a worker; the inspector saw neither.</p>
        <p>What it saw:</p>
        <ul>
          {silence.workers.length === 0 && silence.otherSockets.length === 0 && (
            <li>no worker and no WebSocket at all.</li>
          )}
          {silence.workers.map((w) => (
            <li key={w.id}>
              {w.id} ({w.url ?? 'script unknown'}): {w.messages} messages, none carrying a notification
            </li>
          ))}
          {silence.otherSockets.map((s) => (
            <li key={s.id}>
              {s.id}: a socket to {s.url ?? 'an unknown URL'}, not the notification service
            </li>
          ))}
        </ul>
        <p>What to do:</p>
        <ul>
          {silence.deepCaptureOffered ? (
            <li>
              Switch on <strong>Deep capture</strong> in the toolbar: Chrome then shows every socket of the tab,
              wherever it lives, from that moment on.
            </li>
          ) : (
            <li>
              Deep capture (Chrome's debugger) is not part of this build; Firefox has none. Capture in Chrome with the
              deep capture build (<code>npm run build:deep</code>), or:
            </li>
          )}
          <li>
            Import a HAR: DevTools → Network, reload with DevTools open, then <em>Save all as HAR with content</em> and
            open it with <strong>Open a file…</strong>.
          </li>
          <li>
            Reload the page: capture starts at page load, so a socket opened before the extension was there is missed.
          </li>
        </ul>
      </details>
    </div>
  );
}

/**
 * What to do when the capture has nothing to show yet, on every tab: a page load alone does not
 * mean capture works, so it says so until a socket is seen. Renders nothing once one is. A file
 * opened in the viewer (`file`, its name) never gets more frames: it says what the file lacks.
 */
export function CaptureHint({ kind, file }: { kind: CaptureHintKind; file?: string | undefined }) {
  if (kind === null) return null;
  if (file !== undefined && kind !== 'cleared') {
    return (
      <div class="empty" role="status">
        <p>
          <strong>
            {kind === 'no-frames-yet'
              ? `${file} holds no frames.`
              : `${file} holds no agent desktop notification socket.`}
          </strong>
        </p>
        <p>
          A HAR holds the sockets the Network panel saw: reload the desktop page with DevTools open, then{' '}
          <em>Save all as HAR with content</em>; or export a capture from this extension's panel.
        </p>
      </div>
    );
  }
  if (kind === 'cleared') {
    // Cleared: the hub keeps no frame although the tab's numbering has moved on.
    return (
      <div class="empty" role="status">
        <p>
          <strong>Capture cleared.</strong> New frames appear here as they arrive.
        </p>
      </div>
    );
  }
  return (
    <div class="empty" role="status">
      {kind === 'no-socket-yet' ? (
        <>
          <p>
            <strong>No WebSocket on this page yet.</strong>
          </p>
          <p>Capture has been running since the page loaded: frames appear here as soon as the page opens a socket.</p>
        </>
      ) : (
        <>
          <p>
            <strong>No agent desktop socket yet.</strong>
          </p>
          <p>
            Reload the desktop page so capture starts at page load; frames appear here as they arrive. Pages other than
            the Agent Desktop need their origin added in the extension's options.
          </p>
        </>
      )}
    </div>
  );
}
