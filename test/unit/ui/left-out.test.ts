import { describe, expect, it } from 'vitest';
import { leftOutSaid, leftOutStatus } from '../../../src/ui/left-out';

describe("what the viewer says of a HAR's entries that gave no frame", () => {
  it('counts them with thousands separators, one entry in the singular', () => {
    expect(leftOutStatus(1).text).toBe('1 other HAR entry not shown');
    expect(leftOutStatus(1).title).toMatch(/^1 HAR entry that is neither a WebSocket nor a WxCC API call \(/);
    expect(leftOutStatus(1_204).text).toBe('1,204 other HAR entries not shown');
    expect(leftOutStatus(1_204).title).toBe(
      "1,204 HAR entries that are neither a WebSocket nor a WxCC API call (the page, its scripts, other services' calls): not shown here, and not in an export. To share every entry redacted, in a clone of wxcc-inspector: npx wxcc-inspector redact file.har out.har",
    );
  });

  it('adds to the export announcement only when something was left out', () => {
    expect(leftOutSaid(0)).toBe('');
    expect(leftOutSaid(1)).toBe(' (left out 1 HAR entry that is neither a WebSocket nor a WxCC API call)');
    expect(leftOutSaid(1_204)).toBe(' (left out 1,204 HAR entries that are neither a WebSocket nor a WxCC API call)');
  });
});
