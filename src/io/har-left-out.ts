import type { CaptureSource } from './capture-file';

/*
 * What frames read from a browser's HAR lack of it, and the words every surface says it in (the
 * CLI, the viewer, the replay): the HAR's entries that are neither a WebSocket nor a WxCC API
 * call (`HarImport.leftOut`), and its WxCC API calls that could not be read
 * (`HarImport.unreadableCalls`). The HAR reader records both in the frames' source
 * (`CaptureSource.leftOut`, `.unreadableCalls`), so a capture written from those frames (the
 * viewer's Export and Replay…, the CLI's convert and redact) still says so, and so does every
 * file made from that one: whoever receives it can tell it is not the whole HAR.
 */

export interface HarLeftOut {
  leftOut: number;
  unreadableCalls: number;
}

export const NOTHING_LEFT_OUT: HarLeftOut = { leftOut: 0, unreadableCalls: 0 };

/** What a source records of the HAR its frames came from; 0 and 0 when it records nothing. */
export function harLeftOutOf(source: CaptureSource | undefined): HarLeftOut {
  return { leftOut: source?.leftOut ?? 0, unreadableCalls: source?.unreadableCalls ?? 0 };
}

/**
 * The source fields that record `counts`: a count of 0 is not written, so a file that lacks
 * nothing is written byte for byte as before.
 */
export function recordLeftOut(counts: HarLeftOut): Pick<CaptureSource, 'leftOut' | 'unreadableCalls'> {
  const fields: Pick<CaptureSource, 'leftOut' | 'unreadableCalls'> = {};
  if (counts.leftOut > 0) fields.leftOut = counts.leftOut;
  if (counts.unreadableCalls > 0) fields.unreadableCalls = counts.unreadableCalls;
  return fields;
}

/**
 * How `leftOut` is named wherever it is said (the CLI, the viewer): "2 HAR entries that are
 * neither a WebSocket nor a WxCC API call". `shown` is the count as written (the viewer groups
 * thousands; the CLI does not).
 */
export function notWxccEntries(count: number, shown = String(count)): string {
  return `${shown} HAR ${count === 1 ? 'entry that is' : 'entries that are'} neither a WebSocket nor a WxCC API call`;
}

/**
 * What `lacks` says, in the words every surface uses: "left out 2 HAR entries that are …", then
 * "left out 1 WxCC API call that could not be read (…)"; none when nothing is lacking. `shown`
 * writes a count (the viewer groups thousands; the CLI does not).
 */
export function leftOutParts(lacks: HarLeftOut, shown: (count: number) => string = String): string[] {
  const parts: string[] = [];
  if (lacks.leftOut > 0) parts.push(`left out ${notWxccEntries(lacks.leftOut, shown(lacks.leftOut))}`);
  if (lacks.unreadableCalls > 0)
    parts.push(`left out ${unreadableWxccCalls(lacks.unreadableCalls, shown(lacks.unreadableCalls))}`);
  return parts;
}

/**
 * Where a replay of the frames is started (the CLI's replay, the viewer's Replay…, the replay
 * page): a replay sends the frames alone, so what the HAR held besides them is not replayed.
 */
export function notReplayedSaid(lacks: HarLeftOut, shown: (count: number) => string = String): string | undefined {
  const parts = leftOutParts(lacks, shown);
  return parts.length ? `The HAR's other entries are not replayed (${parts.join('; ')}).` : undefined;
}

/**
 * How `unreadableCalls` is named wherever it is said: "1 WxCC API call that could not be read (no
 * valid time or method: the capture notice names it)". The notice is the frame the HAR reader
 * added, which a capture made from the frames keeps.
 */
export function unreadableWxccCalls(count: number, shown = String(count)): string {
  return `${shown} WxCC API ${count === 1 ? 'call' : 'calls'} that could not be read (no valid time or method: the capture notice names ${count === 1 ? 'it' : 'them'})`;
}
