import type { CaptureHintKind } from '../store/selectors';

/**
 * What to do when the capture has nothing to show yet, on every tab: a page load alone does not
 * mean capture works, so it says so until a socket is seen. Renders nothing once one is.
 */
export function CaptureHint({ kind }: { kind: CaptureHintKind }) {
  if (kind === null) return null;
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
