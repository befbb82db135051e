import { readFileSync } from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { Session } from '../../../src/model';
import { Masker } from '../../../src/overlay/background/masker';
import { AnomalyTally, summarise } from '../../../src/overlay/background/summarise';
import { overlayBadges } from '../../../src/overlay/shared/badges';
import { Badges } from '../../../src/ui/components/Badges';
import { scenarioFrames } from '../../support/scenario-frames';

/** The panel's badges for some flags, as rendered: [class, text] pairs. */
const { document } = new JSDOM('<!doctype html>').window;
Object.assign(globalThis, { document });

function panelBadges(
  flags: Parameters<typeof Badges>[0]['flags'],
  now: number,
  mediaType: string | undefined,
): [string, string][] {
  const root = document.createElement('div');
  render(<Badges flags={flags} now={now} mediaType={mediaType} />, root);
  const out = [...root.querySelectorAll('.badge')].map((b) => [b.className, b.textContent ?? ''] as [string, string]);
  render(null, root);
  return out;
}

describe('the overlay speaks the panel’s words', () => {
  for (const scenario of ['inbound-hold-resume', 'recording-pause-resume', 'consult-conference-wrapup']) {
    it(`${scenario}: after every frame, each listed interaction has the panel's badges`, () => {
      const session = new Session();
      const masker = new Masker();
      const tally = new AnomalyTally();
      let compared = 0;
      for (const frame of scenarioFrames(scenario, { keepaliveMs: 0 })) {
        session.ingest(frame);
        const now = frame.t + 2_500;
        for (const listed of summarise(session, masker, tally).interactions) {
          const { flags, mediaType } = session.interaction(listed.id)!;
          const overlay = overlayBadges(listed, now).map((b) => [`badge badge-${b.kind}`, b.text]);
          expect(overlay).toEqual(panelBadges(flags, now, mediaType));
          compared++;
        }
      }
      expect(compared).toBeGreaterThan(5);
    });
  }
});

/** `.badge-x { background; color; border-color }` of a style sheet, light and dark. */
function badgeColours(css: string): Record<string, string> {
  const out: Record<string, string> = {};
  const flat = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const dark = flat.search(/(:root\[data-theme="dark"\] \.badge-|prefers-color-scheme: dark\) \{\s*\.badge-)/);
  for (const match of flat.matchAll(/\.badge-(hold|rec|paused|consult)\s*\{([^}]*)\}/g)) {
    const theme = dark >= 0 && match.index! >= dark ? 'dark' : 'light';
    const body = match[2]!.replace(/\s+/g, ' ').trim();
    out[`${theme} ${match[1]}`] = body;
  }
  return out;
}

describe('the overlay wears the panel’s colours', () => {
  it('every badge colour, light and dark, is the panel’s', () => {
    const root = path.resolve(__dirname, '../../..');
    const panel = badgeColours(readFileSync(path.join(root, 'src/ui/panel.css'), 'utf8'));
    const overlay = badgeColours(readFileSync(path.join(root, 'src/overlay/page/overlay.css'), 'utf8'));
    expect(Object.keys(overlay).sort()).toEqual(
      ['hold', 'rec', 'paused', 'consult'].flatMap((k) => [`dark ${k}`, `light ${k}`]).sort(),
    );
    expect(overlay).toEqual(panel);
  });
});
