import * as v from 'valibot';

/*
 * What the background sends the in-page overlay: a small, already-masked digest of the tab's
 * session. The page never decodes a frame; it only draws this and ticks its timers from the
 * timestamps in it. Times are epoch ms of the capture clock (the page's own `Date.now()`, since
 * the interceptor stamps frames with it), so the page can count "on hold 0:12" without a message.
 */

const Time = v.pipe(v.number(), v.finite());
const Text = (max: number) => v.pipe(v.string(), v.maxLength(max));

export const OverlayEventSchema = v.object({
  seq: v.number(),
  t: Time,
  name: Text(80),
  category: Text(20),
});

export const OverlayInteractionSchema = v.object({
  id: Text(100),
  mediaType: Text(30),
  /** The customer, masked by the redaction's pseudonym (`phone-1 ··0100`); `full` only on click. */
  customer: v.optional(v.object({ masked: Text(80), full: Text(200) })),
  state: Text(40),
  /** When the customer's leg went on hold (the model's `onHold` and `heldSince`). */
  holdSince: v.optional(Time),
  heldLegs: v.number(),
  recording: v.picklist(['active', 'paused', 'off', 'conflict', 'unknown']),
  recordingSince: v.optional(Time),
  consult: v.boolean(),
  consultSince: v.optional(Time),
  conference: v.boolean(),
  conferenceSince: v.optional(Time),
  monitoring: v.boolean(),
  wrapUp: v.boolean(),
  wrapUpSince: v.optional(Time),
  ended: v.boolean(),
  /** Epoch ms by which the offer must be answered, while it rings. */
  ronaDeadline: v.optional(Time),
  /** The interaction's last events, oldest first. */
  events: v.pipe(v.array(OverlayEventSchema), v.maxLength(8)),
  /** Anomalies of this interaction, and the newest one's masked message. */
  anomalies: v.number(),
  lastAnomaly: v.optional(Text(400)),
});

export const SocketHealthSchema = v.object({
  state: v.picklist(['none', 'connected', 'reconnecting', 'closed']),
  /** Capture time of the last inbound frame on the current socket. */
  lastFrameT: v.optional(Time),
  /** Welcomes after the first: how often the desktop had to reconnect. */
  reconnects: v.number(),
  closeCode: v.optional(v.number()),
});

export const OverlayAnomalySchema = v.object({
  rule: Text(60),
  severity: v.picklist(['error', 'warn', 'info']),
  /** Masked like the customer (the redaction's free-text pass). */
  message: Text(400),
  seq: v.number(),
  /** How many anomalies of this rule the session has. */
  count: v.number(),
  /** All anomalies of the session. */
  total: v.number(),
});

export const OverlaySummarySchema = v.object({
  /** Active interactions (not ended, or in wrap-up), newest first. */
  interactions: v.pipe(v.array(OverlayInteractionSchema), v.maxLength(8)),
  socket: SocketHealthSchema,
  anomaly: v.optional(OverlayAnomalySchema),
  agentState: v.optional(Text(60)),
});

export type OverlayEvent = v.InferOutput<typeof OverlayEventSchema>;
export type OverlayInteraction = v.InferOutput<typeof OverlayInteractionSchema>;
export type SocketHealth = v.InferOutput<typeof SocketHealthSchema>;
export type OverlayAnomaly = v.InferOutput<typeof OverlayAnomalySchema>;
export type OverlaySummary = v.InferOutput<typeof OverlaySummarySchema>;

export const EMPTY_SUMMARY: OverlaySummary = { interactions: [], socket: { state: 'none', reconnects: 0 } };
