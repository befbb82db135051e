import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Frame } from '../../../src/frame/frame';
import { readHar } from '../../../src/io';
import { INITIAL_FLAGS, Session } from '../../../src/model';
import { Masker } from '../../../src/overlay/background/masker';
import { AnomalyTally, summarise } from '../../../src/overlay/background/summarise';
import { overlayBadges } from '../../../src/overlay/shared/badges';
import { badgesOf } from '../../../src/ui/words';

/*
 * f18: after `callProcessingDetails: {}` the call's recording is unknown, and the panel and the
 * overlay say so (**Rec unknown**), as `analyze` does; f17's chat and e-mail, never recorded, show
 * no recording badge at all (field-cases README).
 */

const harFrames = (name: string): Frame[] =>
  readHar(JSON.parse(readFileSync(path.join(__dirname, '../../fixtures/field-cases', `${name}.har`), 'utf8'))).frames;

/** Each seq that changed an interaction's panel badges, with the panel's and the overlay's texts after it. */
function badgeTexts(name: string): { seq: number; panel: string[]; overlay: string[] }[] {
  const session = new Session();
  const masker = new Masker();
  const tally = new AnomalyTally();
  const seen: { seq: number; panel: string[]; overlay: string[] }[] = [];
  const lastOf = new Map<string, string>();
  for (const frame of harFrames(name)) {
    session.ingest(frame);
    for (const listed of summarise(session, masker, tally).interactions) {
      const timeline = session.interaction(listed.id)!;
      const panel = badgesOf(timeline.flags, frame.t, undefined, timeline.mediaType).map((b) => b.text);
      const overlay = overlayBadges(listed, frame.t).map((b) => b.text);
      const key = panel.filter((t) => !/^(On hold|Ringing) /.test(t)).join('|');
      if (lastOf.get(listed.id) === key) continue;
      lastOf.set(listed.id, key);
      seen.push({ seq: frame.seq, panel, overlay });
    }
  }
  return seen;
}

describe('Rec unknown', () => {
  it('f18: the call reads Recording until the empty CPD (#19), then Rec unknown until it ends (#37); the overlay agrees', () => {
    const seen = badgeTexts('f18-remote-hold-empty-cpd');
    for (const s of seen) expect(s.overlay, `#${s.seq}`).toEqual(s.panel);
    expect(seen.map((s) => [s.seq, s.panel.filter((t) => !/^(On hold|Ringing) /.test(t))])).toEqual([
      [5, ['Recording']],
      [19, ['Rec unknown']],
      [37, ['Wrap-up']],
    ]);
  });

  it('f17: a chat and an e-mail show no recording badge', () => {
    const texts = badgeTexts('f17-chat-email-concurrent').flatMap((s) => s.panel);
    expect(texts.filter((t) => /Rec/.test(t))).toEqual([]);
  });

  it('a call of unknown media may be recorded; a chat never is; once ended nothing is live', () => {
    const flags = INITIAL_FLAGS;
    expect(flags.recording).toBe('unknown');
    expect(badgesOf(flags, 0, undefined, undefined).map((b) => b.text)).toEqual(['Rec unknown']);
    expect(badgesOf(flags, 0, undefined, 'telephony').map((b) => b.title)).toEqual([
      'The snapshot does not say whether the call is recorded',
    ]);
    expect(badgesOf(flags, 0, undefined, 'chat')).toEqual([]);
    expect(badgesOf({ ...flags, ended: true }, 0, undefined, 'telephony').map((b) => b.text)).toEqual(['Ended']);
  });
});
