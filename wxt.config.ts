import { execFileSync } from 'node:child_process';
import { defineConfig } from 'wxt';
import { AGENT_DESKTOP_MATCHES, LOCAL_TEST_MATCHES } from './src/capture/shared/hosts';
import { TOGGLE_OVERLAY_COMMAND } from './src/overlay/shared/messages';

const GECKO_ID = 'wxcc-inspector@wxcc-inspector.dev';

/**
 * The files git tracks under `root`, as literal glob patterns. The sources zip (Firefox's, for the
 * add-on store's reviewers) is built from these only: WXT's default takes every file of the folder,
 * so an untracked or ignored `customer.har` or `test-results/` would be uploaded with it. Fails
 * outside a git checkout rather than fall back to everything.
 */
function trackedSourcePatterns(root: string): string[] {
  let listing: string;
  try {
    listing = execFileSync('git', ['ls-files', '-z', '--cached'], { cwd: root, encoding: 'utf8' });
  } catch (error) {
    throw new Error(`The sources zip is built from git's tracked files, but git ls-files failed in ${root}: ${error}`);
  }
  return listing
    .split('\0')
    .filter(Boolean)
    .map((file) => file.replace(/[()[\]{}*?!+@\\]/g, '\\$&'));
}

// `--mode test` (tests, bench and demo) also injects into localhost so the simulated desktop is
// captured; every other mode, and so every store zip, matches only the Agent Desktop origins.
export default defineConfig({
  manifestVersion: 3,
  manifest: ({ browser, mode }) => ({
    name: mode === 'deep' ? 'WxCC Inspector (deep capture)' : 'WxCC Inspector',
    description:
      'Shows what the Webex Contact Center Agent Desktop receives over its websocket: frames, interactions, hold and recording.',
    // `debugger` (Chrome deep capture) only in the deep-capture build and the test build: Chrome
    // refuses it as an optional permission, and as a required one every user would grant the
    // power to debug any tab to use a passive capture that never needs it (README, "Capture modes").
    permissions: [
      'storage',
      'scripting',
      'unlimitedStorage',
      ...(browser !== 'firefox' && (mode === 'deep' || mode === 'test') ? ['debugger'] : []),
    ],
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
  // `WXT_NO_MINIFY=1`: functions keep their names in CPU profiles (test/bench/panel-profile.ts).
  vite: () => (process.env.WXT_NO_MINIFY ? { build: { minify: false } } : {}),
  zip: {
    // Hidden files stay out as before (WXT's default); everything else is narrowed to tracked files.
    dotSources: false,
  },
  hooks: {
    'zip:sources:start': (wxt) => {
      wxt.config.zip.includeSources = trackedSourcePatterns(wxt.config.zip.sourcesRoot);
    },
    'build:manifestGenerated': (wxt, manifest) => {
      for (const script of manifest.content_scripts ?? []) {
        // A Desktop embedded in a CRM (a cross-origin iframe of *.lightning.force.com, protocol
        // doc §10.8) is matched per frame (allFrames); about:blank, blob: and data: frames it
        // creates carry its origin, so the capture follows it there too. Firefox knows only
        // match_about_blank.
        script.match_about_blank = true;
        // Chrome 99+; @types/chrome's manifest type predates the key.
        if (wxt.config.browser !== 'firefox') Object.assign(script, { match_origin_as_fallback: true });
        if (wxt.config.mode === 'test') script.matches = [...(script.matches ?? []), ...LOCAL_TEST_MATCHES];
      }
    },
  },
});
