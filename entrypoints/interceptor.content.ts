import { AGENT_DESKTOP_MATCHES } from '@/src/capture/shared/hosts';
import { installInterceptor } from '@/src/capture/page/interceptor';

export default defineContentScript({
  matches: AGENT_DESKTOP_MATCHES,
  world: 'MAIN',
  runAt: 'document_start',
  allFrames: true,
  main() {
    installInterceptor(window, { stringDetail: import.meta.env.FIREFOX });
  },
});
