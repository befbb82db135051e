import { defineConfig } from 'wxt';
import { AGENT_DESKTOP_MATCHES, LOCAL_TEST_MATCHES } from './src/capture/shared/hosts';
import { TOGGLE_OVERLAY_COMMAND } from './src/overlay/shared/messages';

const GECKO_ID = 'wxcc-inspector@wxcc-inspector.dev';

// `--mode test` (tests, bench and demo) also injects into localhost so the simulated desktop is
// captured; every other mode, and so every store zip, matches only the Agent Desktop origins.
export default defineConfig({
  manifestVersion: 3,
  manifest: ({ browser, mode }) => ({
    name: 'WxCC Inspector',
    description:
      'Shows what the Webex Contact Center Agent Desktop receives over its websocket: frames, interactions, hold and recording.',
    permissions: ['storage', 'scripting', 'unlimitedStorage'],
    host_permissions: mode === 'test' ? [...AGENT_DESKTOP_MATCHES, ...LOCAL_TEST_MATCHES] : AGENT_DESKTOP_MATCHES,
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    // The toolbar button opens the standalone viewer (captures and HARs, no agent desktop needed).
    // The toolbar button's popup: the overlay switch for this tab, and the viewer.
    action: { default_title: 'WxCC Inspector' },
    // Rebindable in the browser's shortcut settings (chrome://extensions/shortcuts, about:addons).
    commands: {
      [TOGGLE_OVERLAY_COMMAND]: {
        suggested_key: { default: 'Alt+Shift+O' },
        description: 'Show or hide the in-page overlay on this Agent Desktop',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {
          // Chrome 148+: port messages are structured-cloned instead of converted to JSON, which
          // was most of the page-side cost of relaying frames (Firefox always clones).
          message_serialization: 'structured_clone',
        }),
  }),
  hooks: {
    'build:manifestGenerated': (wxt, manifest) => {
      if (wxt.config.mode !== 'test') return;
      for (const script of manifest.content_scripts ?? []) {
        script.matches = [...(script.matches ?? []), ...LOCAL_TEST_MATCHES];
      }
    },
  },
});
