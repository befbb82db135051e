import { describe, expect, it } from 'vitest';
import { describeResult } from '../../../src/cli/redact-convert';
import {
  fileNotice,
  fromHarStatus,
  leftOutSaid,
  leftOutStatus,
  notReplayedAfter,
  sourceLacking,
} from '../../../src/ui/left-out';

describe("what the viewer says of a HAR's entries that gave no frame", () => {
  it('counts them with thousands separators, one entry in the singular', () => {
    expect(leftOutStatus(1).text).toBe('1 other HAR entry not shown');
    expect(leftOutStatus(1).title).toMatch(/^1 HAR entry that is neither a WebSocket nor a WxCC API call \(/);
    expect(leftOutStatus(1_204).text).toBe('1,204 other HAR entries not shown');
    expect(leftOutStatus(1_204).title).toBe(
      "1,204 HAR entries that are neither a WebSocket nor a WxCC API call (the page, its scripts, other services' calls): not shown here, and not in an export. To share every entry redacted, in a clone of wxcc-inspector: npx wxcc-inspector redact file.har out.har",
    );
  });

  const lacks = (leftOut: number, unreadableCalls = 0) => ({ leftOut, unreadableCalls });

  it('adds to the export announcement only when something was left out', () => {
    expect(leftOutSaid(lacks(0))).toBe('');
    expect(leftOutSaid(lacks(1))).toBe(' (left out 1 HAR entry that is neither a WebSocket nor a WxCC API call)');
    expect(leftOutSaid(lacks(1_204))).toBe(
      ' (left out 1,204 HAR entries that are neither a WebSocket nor a WxCC API call)',
    );
  });

  it("names the HAR's WxCC API calls that could not be read in the CLI's words, alone or after the entries", () => {
    const cli = describeResult(
      { ok: true, text: '', format: 'capture', frames: 3, redacted: true, leftOut: 1_204, unreadableCalls: 1 },
      'out.wxcc.json',
    );
    expect(leftOutSaid(lacks(0, 1))).toBe(
      ' (left out 1 WxCC API call that could not be read (no valid time or method: the capture notice names it))',
    );
    expect(cli).toContain(
      '; left out 1 WxCC API call that could not be read (no valid time or method: the capture notice names it)',
    );
    expect(leftOutSaid(lacks(1_204, 2_000))).toBe(
      ' (left out 1,204 HAR entries that are neither a WebSocket nor a WxCC API call; left out 2,000 WxCC API calls that could not be read (no valid time or method: the capture notice names them))',
    );
  });

  it('beside the name of a file made from a HAR: what was not kept, in one line and in full in its tooltip', () => {
    expect(fromHarStatus(lacks(1)).text).toBe('from a HAR: 1 other entry was not kept');
    expect(fromHarStatus(lacks(1_204)).text).toBe('from a HAR: 1,204 other entries were not kept');
    expect(fromHarStatus(lacks(1_204)).title).toBe(
      "This file was made from a HAR. 1,204 HAR entries that are neither a WebSocket nor a WxCC API call (the page, its scripts, other services' calls) were not kept in it. Ask for the HAR itself to see every entry.",
    );
    expect(fromHarStatus(lacks(1, 2)).title).toBe(
      "This file was made from a HAR. 1 HAR entry that is neither a WebSocket nor a WxCC API call (the page, its scripts, other services' calls) was not kept in it, nor 2 WxCC API calls that could not be read (no valid time or method: the capture notice names them). Ask for the HAR itself to see every entry.",
    );
  });

  it('the HAR shown says what it does not show; a file made from one, what was not kept; any other file, nothing', () => {
    expect(fileNotice(1_204, lacks(1_204, 1))?.text).toBe('1,204 other HAR entries not shown');
    expect(fileNotice(0, lacks(1_204, 1))?.text).toBe('from a HAR: 1,204 other entries were not kept');
    expect(fileNotice(0, lacks(0))).toBeNull();
    // Calls that could not be read have their capture notice among the frames, as in the HAR itself.
    expect(fileNotice(0, lacks(0, 3))).toBeNull();
  });

  it('after "Opened the replay of …": what of the HAR is not replayed, or nothing', () => {
    expect(notReplayedAfter(lacks(0))).toBe('');
    expect(notReplayedAfter(lacks(1_204, 1))).toBe(
      " The HAR's other entries are not replayed (left out 1,204 HAR entries that are neither a WebSocket nor a WxCC API call; left out 1 WxCC API call that could not be read (no valid time or method: the capture notice names it)).",
    );
  });

  it('an export or a replay of the file records what the HAR lacks in its source, and nothing when it lacks nothing', () => {
    expect(sourceLacking({ kind: 'file' }, lacks(1_204, 1))).toEqual({
      kind: 'file',
      leftOut: 1_204,
      unreadableCalls: 1,
    });
    expect(sourceLacking({ kind: 'file' }, lacks(0, 0))).toStrictEqual({ kind: 'file' });
    expect(sourceLacking({ kind: 'live' })).toStrictEqual({ kind: 'live' });
  });
});
