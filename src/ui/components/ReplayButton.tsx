import { useEffect, useRef, useState } from 'preact/hooks';
import type { Frame } from '../../frame/frame';
import { exportCapture, type HarLeftOut, NOTHING_LEFT_OUT } from '../../io';
import { replayServerUrl, sendToReplay } from '../host';
import { notReplayedAfter, sourceLacking } from '../left-out';
import type { PanelStore } from '../panel-store';
import { Icon } from './Icon';
import { usePopupKeys } from './popup-keys';
import { storeCapture } from './store-capture';

/**
 * "Replay…": sends the capture (redacted, as Export does by default) to a `wxcc-inspector replay`
 * server on this machine and opens its page, where it plays into a simulated desktop and the
 * developer's widget. The server is started from a clone (`npx wxcc-inspector replay`).
 */
export function ReplayButton({
  frames,
  lacks,
  empty,
  source,
}: {
  /** The frames to replay, read when the user sends them. */
  frames: () => Frame[];
  /**
   * What the HAR the shown file came from held that its frames do not (`PanelStore.fileFromHar`),
   * read when sent: the capture sent records it, and what the dialog says after sending names it.
   */
  lacks?: () => HarLeftOut;
  /** Nothing to replay yet (no frame, or a file still coming in): the button is disabled. */
  empty: boolean;
  source: { kind: 'live' | 'file'; url?: string };
}) {
  const [open, setOpen] = useState(false);
  const [url, setUrl] = useState(replayServerUrl);
  const [status, setStatus] = useState<{ text: string; error: boolean } | undefined>();
  const button = useRef<HTMLButtonElement>(null);
  const popup = useRef<HTMLDivElement>(null);
  const keys = usePopupKeys(open, setOpen, { button, popup }, 'dialog');
  // As Export's menu: a file that started coming in closes the dialog, which sends nothing of it.
  useEffect(() => {
    if (empty) setOpen(false);
  }, [empty]);
  const send = async (): Promise<void> => {
    if (empty) return;
    setStatus({ text: 'Sending…', error: false });
    const lacking = lacks?.() ?? NOTHING_LEFT_OUT;
    const file = exportCapture({
      frames: frames(),
      format: 'capture',
      redact: true,
      source: sourceLacking(source, lacking),
      createdAt: Date.now(),
    });
    const error = await sendToReplay(url, file);
    setStatus(
      error
        ? { text: error, error: true }
        : { text: `Opened the replay of ${file.name}.${notReplayedAfter(lacking)}`, error: false },
    );
  };
  return (
    <span class="menu" onFocusOut={keys.onFocusOut}>
      <button
        ref={button}
        type="button"
        class="tool"
        aria-label="Replay…"
        aria-haspopup="dialog"
        aria-expanded={open}
        disabled={empty}
        onClick={() => setOpen(!open)}
        title="Replay this capture into a simulated desktop and your widget"
      >
        <Icon name="play" />
        <span class="tool-label">Replay…</span>
      </button>
      {open && (
        <div
          ref={popup}
          class="menu-items replay-dialog"
          role="dialog"
          aria-label="Replay the capture"
          onKeyDown={keys.onPopupKeyDown}
        >
          <label>
            Replay server{' '}
            <input
              type="url"
              value={url}
              onInput={(e) => setUrl((e.target as HTMLInputElement).value)}
              aria-label="Replay server URL"
            />
          </label>
          <button type="button" onClick={() => void send()}>
            Send the redacted capture and open the replay
          </button>
          <p class="hint">
            Start the server in a clone of wxcc-inspector: <code>npx wxcc-inspector replay</code>
          </p>
          {status && (
            <p role="status" class={status.error ? 'file-error' : 'hint'}>
              {status.text}
            </p>
          )}
        </div>
      )}
    </span>
  );
}

/** The replay button for a panel store: enabled once the log holds a frame. */
export function StoreReplayButton({
  store,
  source,
}: {
  store: PanelStore;
  source: { kind: 'live' | 'file'; url?: string };
}) {
  return <ReplayButton {...storeCapture(store)} source={source} />;
}
