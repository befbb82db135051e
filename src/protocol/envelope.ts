import * as v from 'valibot';
import type { Known } from './known-fields';

/*
 * The three frame envelopes of the notification socket (protocol doc §2). The decoder tells
 * them apart by their keys before validating anything heavier.
 */

/** `{"keepalive":"true"}` both ways, about every 4 s; the SDK also accepts the boolean (§1.4). */
export const KeepaliveSchema = v.looseObject({
  keepalive: v.union([v.literal('true'), v.literal(true)]),
});

/** The first frame on every new socket (§1.5); only `agentId` is documented. */
export const WelcomeSchema = v.looseObject({
  type: v.literal('Welcome'),
  data: v.looseObject({ agentId: v.string() }),
});

/**
 * `Msg<T>` (§2): the event name is `data.type`; the top-level `type` is only a category
 * (`RoutingMessage`, `AgentStateChange`, ...). `data` is validated separately, by the shape the
 * event catalogue gives for its name.
 */
export const NotificationEnvelopeSchema = v.looseObject({
  type: v.string(),
  orgId: v.string(),
  trackingId: v.string(),
  data: v.unknown(),
});

/**
 * The Desktop's own notifications (wellness, AI assistant): `{notifType, notifDetails, data}`
 * instead of a `data.type` (§10.6). The event is named by `notifType`.
 */
export const DesktopNotificationSchema = v.looseObject({
  notifType: v.string(),
  notifDetails: v.optional(v.unknown()),
  data: v.optional(v.unknown()),
});

export type Keepalive = Known<v.InferOutput<typeof KeepaliveSchema>>;
export type Welcome = Known<v.InferOutput<typeof WelcomeSchema>>;
export type NotificationEnvelope = Known<v.InferOutput<typeof NotificationEnvelopeSchema>>;
