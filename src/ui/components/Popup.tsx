import { OverlayToggle, type OverlayToggleState } from './OverlayToggle';

interface Props {
  overlay(on?: boolean): Promise<OverlayToggleState>;
  viewerUrl: string;
}

/** The toolbar button's popup: the overlay for this tab's desktop, and the viewer for files. */
export function Popup({ overlay, viewerUrl }: Props) {
  return (
    <div class="popup">
      <div class="popup-title">WxCC Inspector</div>
      <div class="popup-row">
        <OverlayToggle request={overlay} />
        <span class="popup-hint">on this Agent Desktop (Alt+Shift+O)</span>
      </div>
      <div class="popup-row">
        <a class="tool" href={viewerUrl} target="_blank" rel="noopener">
          Open a capture or HAR…
        </a>
      </div>
    </div>
  );
}
