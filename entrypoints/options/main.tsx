import { render } from 'preact';
import { AGENT_DESKTOP_MATCHES, originToMatchPattern } from '@/src/capture/shared/hosts';
import { loadUserOrigins, saveUserOrigins } from '@/src/capture/background/user-origins';
import { OptionsPage, type OptionsHost } from '@/src/ui/components/OptionsPage';
import { followTheme } from '@/src/ui/host';
import './options.css';

followTheme(document.documentElement);

const host: OptionsHost = {
  builtIn: AGENT_DESKTOP_MATCHES,
  list: loadUserOrigins,
  async add(pattern) {
    // The permission prompt needs the user's click: request before anything else is awaited.
    const granted = await browser.permissions.request({ origins: [pattern] });
    if (!granted) throw new Error(`Permission for ${pattern} was not granted, so nothing is captured there.`);
    await saveUserOrigins([...(await loadUserOrigins()), pattern]);
  },
  async remove(pattern) {
    await saveUserOrigins((await loadUserOrigins()).filter((p) => p !== pattern));
    await browser.permissions.remove({ origins: [pattern] }).catch(() => false);
  },
  toPattern: originToMatchPattern,
};

render(<OptionsPage host={host} />, document.getElementById('app')!);
