/**
 * Fields that change on nearly every event without meaning anything to a person debugging a call
 * (when a participant record was last touched). Summaries list them last, or only count them.
 */
const BOOKKEEPING_PATH = /(lastUpdated|currentStateTimestamp|wrapUpTimestamp|joinTimestamp)$/;

export function isBookkeeping(path: string): boolean {
  return BOOKKEEPING_PATH.test(path);
}
