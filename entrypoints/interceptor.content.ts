import { AGENT_DESKTOP_MATCHES } from '@/src/capture/shared/hosts';
import { installInterceptor } from '@/src/capture/page/interceptor';
import { installWorkerTap } from '@/src/capture/page/worker-tap';

export default defineContentScript({
  matches: AGENT_DESKTOP_MATCHES,
  world: 'MAIN',
  runAt: 'document_start',
  allFrames: true,
  // Also the desktop's about:blank / srcdoc / blob: frames: a socket made with such a frame's
  // WebSocket would otherwise go uncaptured (Firefox has only match_about_blank).
  matchAboutBlank: true,
  matchOriginAsFallback: { chrome: true },
  main() {
    const sink = installInterceptor(window, { stringDetail: import.meta.env.FIREFOX });
    if (sink) installWorkerTap(window, sink);
  },
});
