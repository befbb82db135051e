import { notWxccEntries } from '../io';
import { groupThousands } from './format';

/*
 * What the viewer says of a browser's HAR's entries that gave no frame (`FramesFile.leftOut`): they
 * are neither shown nor in an export, and nothing may be dropped silently. The CLI says the same
 * of its output (cli/redact-convert.ts `describeResult`).
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

/** Appended to "Exported <name>": what the exported file lacks, or nothing. */
export function leftOutSaid(count: number): string {
  if (count === 0) return '';
  return ` (left out ${notWxccEntries(count, groupThousands(count))})`;
}
