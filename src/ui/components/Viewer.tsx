import { useEffect, useRef, useState } from 'preact/hooks';
import { harLeftOutOf } from '../../io';
import { importFile, type ImportJob, type ImportProgress } from '../file-import';
import type { PanelStore } from '../panel-store';
import { StoreExportMenu } from './ExportMenu';
import { Icon } from './Icon';
import { StoreReplayButton } from './ReplayButton';
import { Panel } from './Panel';
import { useRovingToolbar } from './use-roving-toolbar';

interface Props {
  store: PanelStore;
  createWorker: () => Worker;
  /** Registers a callback for a file handed over by the DevTools panel (host.ts). */
  receive?: (onFile: (file: File) => void) => void;
}

function ProgressBar({ progress, onCancel }: { progress: ImportProgress | null; onCancel: () => void }) {
  const mb = (bytes: number) => (bytes / 1048576).toFixed(0);
  const count = (n: number) => n.toLocaleString('en-US');
  // Nothing read yet: a file read whole (import-worker.ts) says no more until it is all read.
  const started = progress !== null && (progress.phase !== 'reading' || progress.loaded > 0);
  const label = !progress
    ? 'Opening…'
    : progress.phase === 'reading'
      ? started
        ? `Reading ${mb(progress.loaded)} of ${mb(progress.total)} MB`
        : progress.total < 1048576
          ? 'Reading…'
          : `Reading ${mb(progress.total)} MB…`
      : progress.phase === 'parsing'
        ? 'Parsing…'
        : `Loading ${count(progress.loaded)} of ${count(progress.total)} frames`;
  return (
    <span class="progress" role="status">
      <progress
        max={progress?.total ?? 1}
        value={progress && started && progress.phase !== 'parsing' ? progress.loaded : undefined}
      />
      {label}
      <button type="button" class="tool" onClick={onCancel}>
        Cancel
      </button>
    </span>
  );
}

/**
 * The standalone viewer: a capture file or a Chrome HAR in the same UI as the live panel, without
 * any agent desktop. Files are read in a worker with a progress bar and can be cancelled; a bad
 * file gets a clear message and a file already shown whole stays (one still coming in when
 * another is opened goes: nothing is half shown).
 */
export function Viewer({ store, createWorker, receive }: Props) {
  const file = store.fileName.value;
  const [job, setJob] = useState<ImportJob | null>(null);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const toolbar = useRovingToolbar();
  const picker = useRef<HTMLInputElement>(null);

  /**
   * The import under way, read by every `open` (a file handed over by the panel calls the first
   * render's): the one before is cancelled, and an earlier import that ends after a later one
   * began (its "cancelled" comes a microtask late) neither shows its file nor clears the state.
   */
  const current = useRef<ImportJob | null>(null);
  /**
   * The import of the file shown, once it ended: its worker may still hold parts the analysis has
   * not taken. Ended only when that file goes (another file starts coming in, or Close).
   */
  const ended = useRef<ImportJob | null>(null);
  const open = (picked: File) => {
    const before = current.current;
    before?.cancel();
    // An import cut off while its frames were coming leaves nothing half shown.
    if (before?.started) store.closeFile();
    setError(null);
    setProgress(null);
    let received = 0;
    let total = 0;
    // Shown as its parts come (the timeline draws from the first part), and replacing what was
    // shown only then: a file that cannot be read leaves the one before.
    const next = importFile(picked, createWorker, setProgress, {
      start: (file, parts) => {
        if (current.current !== next) return;
        ended.current?.cancel();
        ended.current = null;
        total = file.total;
        store.openFile(picked.name, {
          total: file.total,
          firstSeq: file.firstSeq,
          leftOut: file.leftOut,
          fromHar: harLeftOutOf(file.meta?.source),
          parts,
        });
      },
      frames: (frames) => {
        if (current.current !== next) return;
        received += frames.length;
        store.appendFile(frames);
      },
      failedLate: (reason) => {
        if (ended.current === next) store.stopAnalysis(reason);
      },
    });
    current.current = next;
    setJob(next);
    next.result.then(
      () => {
        if (current.current !== next) return;
        current.current = null;
        ended.current = next;
        store.endFile();
        setJob(null);
      },
      (failure: Error) => {
        if (current.current !== next) return;
        current.current = null;
        setJob(null);
        if (next.started) store.closeFile();
        if (failure.message === 'cancelled') return;
        const cut = next.started
          ? ` (after ${received.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} frames; none is shown)`
          : '';
        setError(`${picked.name}: ${failure.message}${cut}`);
      },
    );
  };

  /** Close: the file shown goes, and so does the import of it still under way (its parts stop). */
  const close = () => {
    const running = current.current;
    current.current = null;
    running?.cancel();
    ended.current?.cancel();
    ended.current = null;
    setJob(null);
    store.closeFile();
  };

  useEffect(() => receive?.(open), []);

  useEffect(() => {
    const over = (event: DragEvent) => {
      event.preventDefault();
      setDragging(true);
    };
    const leave = () => setDragging(false);
    const drop = (event: DragEvent) => {
      event.preventDefault();
      setDragging(false);
      const dropped = event.dataTransfer?.files[0];
      if (dropped) open(dropped);
    };
    document.addEventListener('dragover', over);
    document.addEventListener('dragleave', leave);
    document.addEventListener('drop', drop);
    return () => {
      document.removeEventListener('dragover', over);
      document.removeEventListener('dragleave', leave);
      document.removeEventListener('drop', drop);
    };
  }, [job]);

  const tools = (
    <>
      <button
        type="button"
        class="tool"
        onClick={() => picker.current?.click()}
        title="Open a capture (*.wxcc.json) or a Chrome HAR"
      >
        <Icon name="open" />
        Open…
      </button>
      <input
        ref={picker}
        type="file"
        accept=".json,.har,application/json"
        hidden
        aria-label="Capture or HAR file"
        onChange={(e) => {
          const picked = (e.target as HTMLInputElement).files?.[0];
          if (picked) open(picked);
          (e.target as HTMLInputElement).value = '';
        }}
      />
      {file && <StoreExportMenu store={store} source={{ kind: 'file' }} />}
      {file && <StoreReplayButton store={store} source={{ kind: 'file' }} />}
      {job && (
        <ProgressBar
          progress={progress}
          onCancel={() => {
            current.current = null;
            job.cancel();
            // Half shown, it goes; not yet shown, what was open stays.
            if (job.started) store.closeFile();
            setJob(null);
          }}
        />
      )}
      {error && (
        <span class="file-error" role="alert">
          {error}
        </span>
      )}
    </>
  );
  return (
    <>
      {file ? (
        <Panel store={store} file={file} tools={tools} onClear={close} />
      ) : (
        <div class="panel">
          <header class="panel-head">
            <h1 class="sr-only">WxCC Inspector: open a capture</h1>
            <div class="toolbar">
              <div class="tool-group" role="toolbar" aria-label="Capture" ref={toolbar}>
                {tools}
              </div>
            </div>
          </header>
          <main class="main">
            <div class="empty" role="status">
              <p>
                <strong>Open a capture to inspect it.</strong>
              </p>
              <p>
                Drop a capture file (<code>*.wxcc.json</code>, exported from the WxCC panel) or a Chrome HAR with
                WebSocket messages anywhere on this page, or use Open….
              </p>
            </div>
          </main>
        </div>
      )}
      {dragging && <div class="drop-overlay">Drop the capture or HAR to open it</div>}
    </>
  );
}
