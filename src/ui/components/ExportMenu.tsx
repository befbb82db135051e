import { useEffect, useRef, useState } from 'preact/hooks';
import { exportCapture, type ExportFormat, type HarLeftOut, NOTHING_LEFT_OUT } from '../../io';
import { announce } from '../announce';
import { saveFile } from '../host';
import { leftOutSaid, sourceLacking } from '../left-out';
import { Icon } from './Icon';
import { usePopupKeys } from './popup-keys';
import { storeCapture } from './store-capture';
import type { Frame } from '../../frame/frame';
import type { PanelStore } from '../panel-store';

/**
 * Export the capture: a capture file or a Chrome HAR, redacted by default (customer numbers,
 * names, e-mails, call data become consistent pseudonyms); raw only by an explicit, marked choice.
 * Ctrl/Cmd+S exports the redacted capture file.
 */
export function ExportMenu({
  frames,
  lacks,
  empty,
  source,
}: {
  /** The frames to export, read when the user picks a format. */
  frames: () => Frame[];
  /**
   * What the HAR the shown file came from held that its frames do not (`PanelStore.fileFromHar`),
   * read at export like `frames`: the exported file records it, and the announcement says it.
   */
  lacks?: () => HarLeftOut;
  /** Nothing to export yet (no frame, or a file still coming in): the menu and its shortcut are off. */
  empty: boolean;
  source: { kind: 'live' | 'file'; url?: string };
}) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const popup = useRef<HTMLDivElement>(null);
  const keys = usePopupKeys(open, setOpen, { button, popup }, 'menu');
  // Open when another file started coming in (dropped, or handed over by the panel): part of a
  // file is not the file, so the menu closes and exports nothing.
  useEffect(() => {
    if (empty) setOpen(false);
  }, [empty]);
  const run = (format: ExportFormat, redact: boolean) => {
    setOpen(false);
    if (empty) return;
    button.current?.focus();
    if (
      !redact &&
      !confirm(
        'Export the RAW capture? It contains customer phone numbers, names and call data. Share it only where that is allowed.',
      )
    )
      return;
    const lacking = lacks?.() ?? NOTHING_LEFT_OUT;
    const file = exportCapture({
      frames: frames(),
      format,
      redact,
      source: sourceLacking(source, lacking),
      createdAt: Date.now(),
    });
    saveFile(file);
    announce(`Exported ${file.name}${leftOutSaid(lacking)}`);
  };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
        event.preventDefault();
        if (!empty) run('capture', true);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [frames, empty]);
  return (
    <span class="menu" onFocusOut={keys.onFocusOut}>
      <button
        ref={button}
        type="button"
        class="tool"
        aria-label="Export"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? 'export-menu' : undefined}
        disabled={empty}
        onClick={() => setOpen(!open)}
        onKeyDown={keys.onButtonKeyDown}
        title="Export the capture (Ctrl/Cmd+S: redacted capture file)"
      >
        <Icon name="export" />
        <span class="tool-label">Export</span>
      </button>
      {open && (
        <div
          ref={popup}
          id="export-menu"
          class="menu-items"
          role="menu"
          aria-label="Export"
          onKeyDown={keys.onPopupKeyDown}
        >
          <button type="button" role="menuitem" tabIndex={-1} onClick={() => run('capture', true)}>
            Capture file (.wxcc.json), redacted
          </button>
          <button type="button" role="menuitem" tabIndex={-1} onClick={() => run('har', true)}>
            Chrome HAR (.har), redacted
          </button>
          <hr />
          <button type="button" role="menuitem" tabIndex={-1} class="danger" onClick={() => run('capture', false)}>
            RAW capture file — contains customer data
          </button>
          <button type="button" role="menuitem" tabIndex={-1} class="danger" onClick={() => run('har', false)}>
            RAW HAR — contains customer data
          </button>
        </div>
      )}
    </span>
  );
}

/** The export menu for a panel store: enabled once the log holds a frame. */
export function StoreExportMenu({
  store,
  source,
}: {
  store: PanelStore;
  source: { kind: 'live' | 'file'; url?: string };
}) {
  return <ExportMenu {...storeCapture(store)} source={source} />;
}
