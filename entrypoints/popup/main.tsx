import { render } from 'preact';
import { Popup } from '@/src/ui/components/Popup';
import { followTheme } from '@/src/ui/host';
import type { OverlayRequest, OverlayTabState } from '@/src/overlay/shared/messages';
import '@/src/ui/panel.css';

followTheme(document.documentElement);
// The tab the popup was opened over; `?tabId=N` lets a test open the popup as a page.
const fromQuery = new URLSearchParams(location.search).get('tabId');
const activeTab = async (): Promise<number | undefined> =>
  fromQuery ? Number(fromQuery) : (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
const overlay = async (on?: boolean): Promise<OverlayTabState> => {
  const tabId = await activeTab();
  if (tabId === undefined) return { origin: null, on: false };
  return browser.runtime.sendMessage<OverlayRequest>(
    on === undefined ? { type: 'overlay-get', tabId } : { type: 'overlay-set', tabId, on },
  );
};
render(<Popup overlay={overlay} viewerUrl={browser.runtime.getURL('/viewer.html')} />, document.getElementById('app')!);
