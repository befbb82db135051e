import { render } from 'preact';
import { AGENT_DESKTOP_MATCHES, originToMatchPattern } from '@/src/capture/shared/hosts';
import { loadUserOrigins, saveUserOrigins } from '@/src/capture/background/user-origins';
import { isRetention, loadRetention, RETENTION_CHOICES, saveRetention } from '@/src/capture/background/retention';
import type { OptionsToBackground, StorageUsage } from '@/src/capture/shared/messages';
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
  usage: () => ask({ type: 'storage-usage' }),
  deleteAll: () => ask({ type: 'delete-all' }),
  retentionChoices: RETENTION_CHOICES,
  retention: loadRetention,
  async setRetention(choice) {
    if (!isRetention(choice)) throw new Error(`not a retention choice: ${String(choice)}`);
    await saveRetention(choice);
  },
};

/** The background owns the store (and the live captures' counters): it answers with the usage. */
async function ask(message: OptionsToBackground): Promise<StorageUsage> {
  const answer = (await browser.runtime.sendMessage(message)) as StorageUsage | { error: string } | undefined;
  if (!answer || 'error' in answer) throw new Error(answer?.error ?? 'the background did not answer');
  return answer;
}

render(<OptionsPage host={host} />, document.getElementById('app')!);
