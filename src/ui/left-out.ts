import {
  type CaptureSource,
  type HarLeftOut,
  leftOutParts,
  NOTHING_LEFT_OUT,
  notReplayedSaid,
  notWxccEntries,
  recordLeftOut,
  unreadableWxccCalls,
} from '../io';
import { groupThousands } from './format';

/*
 * What the viewer says of a browser's HAR's content that gave no frame: its entries that are
 * neither a WebSocket nor a WxCC API call (`FramesFile.leftOut`) and its WxCC API calls that could
 * not be read (io/har-left-out.ts). They are neither shown nor in an export, and nothing may be
 * dropped silently. The CLI says the same of its output (cli/redact-convert.ts `describeResult`).
 */

/** The viewer's toolbar beside the file's name: "1,204 other HAR entries not shown", and why. */
export function leftOutStatus(count: number): { text: string; title: string } {
  const shown = groupThousands(count);
  return {
    text: `${shown} other HAR ${count === 1 ? 'entry' : 'entries'} not shown`,
    title:
      `${notWxccEntries(count, shown)} (the page, its scripts, other services' calls): not shown here, and not in an export. ` +
      'To share every entry redacted, in a clone of wxcc-inspector: npx wxcc-inspector redact file.har out.har',
  };
}

/**
 * Beside the name of a file made from a HAR (its source records it, io/har-left-out.ts): "from a
 * HAR: 1,204 other entries were not kept", in notWxccEntries' words in full in its tooltip.
 */
export function fromHarStatus(lacks: HarLeftOut): { text: string; title: string } {
  const count = lacks.leftOut;
  const shown = groupThousands(count);
  const calls = lacks.unreadableCalls;
  const nor = calls > 0 ? `, nor ${unreadableWxccCalls(calls, groupThousands(calls))}` : '';
  return {
    text: `from a HAR: ${shown} other ${count === 1 ? 'entry was' : 'entries were'} not kept`,
    title:
      `This file was made from a HAR. ${notWxccEntries(count, shown)} (the page, its scripts, other services' calls) ` +
      `${count === 1 ? 'was' : 'were'} not kept in it${nor}. Ask for the HAR itself to see every entry.`,
  };
}

/**
 * What the toolbar says beside the shown file's name: the HAR shown leaves entries out, or the
 * file was made from a HAR that had more; else nothing. (WxCC API calls that could not be read
 * have a capture notice of their own among the frames, which a file made from the HAR keeps.)
 */
export function fileNotice(leftOut: number, fromHar: HarLeftOut): { text: string; title: string } | null {
  if (leftOut > 0) return leftOutStatus(leftOut);
  if (fromHar.leftOut > 0) return fromHarStatus(fromHar);
  return null;
}

/**
 * What an export or a replay of the shown file lacks of the HAR it came from, in the CLI's words:
 * " (left out 1,204 HAR entries that are …; left out 1 WxCC API call that could not be read (…))",
 * or nothing.
 */
export function leftOutSaid(lacks: HarLeftOut): string {
  const parts = leftOutParts(lacks, groupThousands);
  return parts.length ? ` (${parts.join('; ')})` : '';
}

/** Appended to "Opened the replay of <name>.": what of the HAR it came from is not replayed, or nothing. */
export function notReplayedAfter(lacks: HarLeftOut): string {
  const said = notReplayedSaid(lacks, groupThousands);
  return said ? ` ${said}` : '';
}

/**
 * The source an export or a replay of the shown file writes: what the HAR it came from lacks goes
 * with it (`CaptureSource.leftOut`, `.unreadableCalls`), so the file says it too.
 */
export function sourceLacking(source: CaptureSource, lacks: HarLeftOut = NOTHING_LEFT_OUT): CaptureSource {
  return { ...source, ...recordLeftOut(lacks) };
}
