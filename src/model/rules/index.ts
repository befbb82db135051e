import type { EventRule, SessionRule } from './rule';
import { consultMediaMissing } from './consult-media-missing';
import { consultWithoutStart } from './consult-without-start';
import { duplicateDelivery } from './duplicate-delivery';
import { eventAfterEnd } from './event-after-end';
import { eventTimeBackwards } from './event-time-backwards';
import { failureWithoutOperation } from './failure-without-operation';
import { firstEventNotCreating } from './first-event-not-creating';
import { heldWhileHeld } from './held-while-held';
import { holdFlagMismatch } from './hold-flag-mismatch';
import { holdStateMismatch } from './hold-state-mismatch';
import { missingEventTime } from './missing-event-time';
import { pauseNotEnabled } from './pause-not-enabled';
import { pauseWhilePaused } from './pause-while-paused';
import { recordingFlagMismatch } from './recording-flag-mismatch';
import { recordingFlagsConflict } from './recording-flags-conflict';
import { recordingFlagsVanished } from './recording-flags-vanished';
import { resumeWithoutPause } from './resume-without-pause';
import { selfLeftRoster } from './self-left-roster';
import { keepaliveGap } from './keepalive-gap';
import { missedTransitions } from './missed-transitions';
import { multiLogin } from './multi-login';
import { overlappingSockets } from './overlapping-sockets';
import { reconnectWithoutHydrate } from './reconnect-without-hydrate';
import { ronaOverdue } from './rona-overdue';
import { sequenceGap } from './sequence-gap';
import { terminatedWithoutEnd } from './terminated-without-end';
import { unheldWithoutHeld } from './unheld-without-held';
import { unknownEvent } from './unknown-event';

import {
  requestFailed,
  requestHttpError,
  requestRefusedDuplicate,
  requestSentWhilePending,
  requestTimedOut,
} from './request-rules';

export type { EventRule, RuleHit, SessionHit, SessionMoment, SessionRule, SessionView } from './rule';

/** Run in this order after every interaction event. */
export const EVENT_RULES: readonly EventRule[] = [
  firstEventNotCreating,
  unknownEvent,
  eventAfterEnd,
  eventTimeBackwards,
  missingEventTime,
  heldWhileHeld,
  unheldWithoutHeld,
  holdFlagMismatch,
  holdStateMismatch,
  pauseWhilePaused,
  resumeWithoutPause,
  pauseNotEnabled,
  recordingFlagMismatch,
  recordingFlagsConflict,
  recordingFlagsVanished,
  selfLeftRoster,
  terminatedWithoutEnd,
  consultWithoutStart,
  consultMediaMissing,
  failureWithoutOperation,
];

/** The one rule run for an event marked as a duplicate delivery (the others saw its first delivery). */
export const DUPLICATE_RULES: readonly EventRule[] = [duplicateDelivery];

/**
 * Run at each moment of the session (rule.ts `SessionMoment`), in this order. `sequence-gap` comes
 * first: a frame's own findings should follow the gap before it.
 */
export const SESSION_RULES: readonly SessionRule[] = [
  sequenceGap,
  reconnectWithoutHydrate,
  missedTransitions,
  keepaliveGap,
  ronaOverdue,
  overlappingSockets,
  multiLogin,
  requestTimedOut,
  requestFailed,
  requestHttpError,
  requestRefusedDuplicate,
  requestSentWhilePending,
];

/** Every rule, for documentation and the UI's rule list. */
export const ALL_RULES: readonly (EventRule | SessionRule)[] = [...EVENT_RULES, ...DUPLICATE_RULES, ...SESSION_RULES];
