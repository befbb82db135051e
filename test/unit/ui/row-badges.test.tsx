import { JSDOM } from 'jsdom';
import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { type Flags, INITIAL_FLAGS } from '../../../src/model';
import { RowBadges } from '../../../src/ui/components/Badges';

const { window } = new JSDOM('<!doctype html>');
Object.assign(globalThis, { document: window.document });

/** The row's badge line as its parts: each chip's text and tooltip (hidden from screen readers), each badge's text. */
function parts(flags: Flags, now: number, mediaType = 'telephony') {
  const root = document.createElement('div');
  render(<RowBadges flags={flags} now={now} mediaType={mediaType} />, root);
  return [...root.firstElementChild!.children].map((el) =>
    el.classList.contains('more-badges')
      ? { chip: el.textContent, title: el.getAttribute('title'), hidden: el.getAttribute('aria-hidden') }
      : el.textContent,
  );
}

describe('RowBadges (a list row, its badges on one line)', () => {
  it('stands before each badge the chip for it and every badge after it, named in its tooltip', () => {
    const flags: Flags = {
      ...INITIAL_FLAGS,
      onHold: true,
      heldLegs: ['leg-a3'],
      heldSince: { 'leg-a3': 1_000 },
      recording: 'active',
      consulting: true,
      monitoring: true,
    };
    expect(parts(flags, 13_000)).toEqual([
      { chip: '+4', title: '4 more: On hold 0:12, Recording, Consult, Monitored', hidden: 'true' },
      'On hold 0:12',
      { chip: '+3', title: '3 more: Recording, Consult, Monitored', hidden: 'true' },
      'Recording',
      { chip: '+2', title: '2 more: Consult, Monitored', hidden: 'true' },
      'Consult',
      { chip: '+1', title: '1 more: Monitored', hidden: 'true' },
      'Monitored',
    ]);
  });

  it('one badge has one chip (for a row too narrow for it); none, nothing', () => {
    expect(parts({ ...INITIAL_FLAGS, ended: true, endedBy: 'ContactEnded' }, 0)).toEqual([
      { chip: '+1', title: '1 more: Ended', hidden: 'true' },
      'Ended',
    ]);
    // A chat is never recorded: its unknown recording is no badge (a call's is Rec unknown).
    expect(parts({ ...INITIAL_FLAGS, recording: 'unknown' }, 0, 'chat')).toEqual([]);
    expect(parts({ ...INITIAL_FLAGS, recording: 'unknown' }, 0)).toEqual([
      { chip: '+1', title: '1 more: Rec unknown', hidden: 'true' },
      'Rec unknown',
    ]);
  });
});
