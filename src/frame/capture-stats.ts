/** What the hub keeps for one tab and what it shed to stay inside its byte budget (sizes in bytes). */
export interface CaptureStats {
  /** Frames currently kept for the tab. */
  frames: number;
  bytes: number;
  /** Frames the hub deleted to stay inside its byte budget, oldest first. */
  shedFrames: number;
  shedBytes: number;
  /** The first seq still kept (everything before it was shed or cleared). */
  firstSeq: number;
  lastSeq: number;
  budgetBytes: number;
}
