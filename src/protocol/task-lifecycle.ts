/*
 * When a task starts, ends for this agent, owes wrap-up, and when a consult starts or ends: the one
 * table the event catalogue (its `task` effect), the flags (src/model/flags.ts) and the rules read.
 * Source: protocol doc §10.4 (published SDK `TaskManager`), which overrides §5; consult lifecycle
 * §3.4 and issue 10. A test checks that the three agree.
 */

/**
 * When the event ends the task for this agent:
 * - `always`: it does (ContactEnded even while conferenced, §10.4);
 * - `if-consulted`: only on the consulted agent's desktop (its consult task is removed);
 * - `if-consulted-or-terminated`: the consulted agent's task, or any task whose snapshot says
 *   `isTerminated` (the customer left during the consult: no ContactEnded follows, §10.10);
 * - `if-self`: only when `data.participantId` is this agent (it left the conference).
 */
export type EndsWhen = 'always' | 'if-consulted' | 'if-consulted-or-terminated' | 'if-self';

/**
 * Whether this agent owes wrap-up once the event ended its task:
 * - `owed`: forced (AgentWrapup, unassign, vteam transfer);
 * - `pending-list`: owed when this agent is in `data.agentsPendingWrapUp`; without that list,
 *   from `participants[self].isWrapUp` of the snapshot;
 * - `from-snapshot`: from `participants[self].isWrapUp`;
 * - `none`: nothing is owed (RONA, failures, the consulted agent's consult end);
 * - `done`: wrap-up submitted (AgentWrappedUp).
 */
export type WrapUpRule = 'owed' | 'pending-list' | 'from-snapshot' | 'none' | 'done';

export interface TaskEnd {
  readonly when: EndsWhen;
  readonly wrapUp: WrapUpRule;
  /**
   * The contact may come back to this agent after this end (RONA, a failed assignment re-queues
   * it): a new offer then starts the task again. After any other end an offer is late (§10.5).
   */
  readonly reofferable: boolean;
}

export const TASK_ENDS: ReadonlyMap<string, TaskEnd> = new Map<string, TaskEnd>([
  ['ContactEnded', { when: 'always', wrapUp: 'pending-list', reofferable: false }],
  ['AgentWrapup', { when: 'always', wrapUp: 'owed', reofferable: false }],
  ['AgentWrappedUp', { when: 'always', wrapUp: 'done', reofferable: false }],
  ['AgentContactUnassigned', { when: 'always', wrapUp: 'owed', reofferable: false }],
  ['AgentVteamTransferred', { when: 'always', wrapUp: 'owed', reofferable: false }],
  ['AgentConsultEnded', { when: 'if-consulted-or-terminated', wrapUp: 'pending-list', reofferable: false }],
  ['ParticipantLeftConference', { when: 'if-self', wrapUp: 'from-snapshot', reofferable: false }],
  ['AgentOfferContactRona', { when: 'always', wrapUp: 'none', reofferable: true }],
  ['AgentContactAssignFailed', { when: 'always', wrapUp: 'none', reofferable: true }],
  ['AgentInviteFailed', { when: 'always', wrapUp: 'none', reofferable: true }],
  ['AgentOutboundFailed', { when: 'always', wrapUp: 'none', reofferable: false }],
]);

/** Events that may create a task, or start it again after a re-offerable end (§10.5). */
export const TASK_STARTS: ReadonlySet<string> = new Set([
  'AgentContactReserved',
  'AgentOfferContact',
  'AgentOfferConsult',
  'AgentOfferCampaignReservation',
  'AgentContact',
  'ContactMerged',
  'MonitoringOffered',
]);

/** Offers: they start the RONA clock and may reopen a re-offerable end. */
export const OFFERS: ReadonlySet<string> = new Set([
  'AgentContactReserved',
  'AgentOfferContact',
  'AgentOfferConsult',
  'AgentOfferCampaignReservation',
]);

/**
 * The consult lifecycle (§3.4, issue 10 kind 1): `start` begins a consult; `end` ends it (failed,
 * cancelled, ended, or turned into a transfer or a conference). The snapshot only confirms, or
 * starts it where the events are missing (a hydrate, the EP-DN consulted side).
 */
export const CONSULT_LIFECYCLE: ReadonlyMap<string, 'start' | 'end'> = new Map([
  ['AgentConsultCreated', 'start'],
  ['AgentOfferConsult', 'start'],
  ['AgentConsulting', 'start'],
  ['AgentConsultEnded', 'end'],
  ['AgentConsultFailed', 'end'],
  ['AgentCtqCancelled', 'end'],
  ['AgentCtqFailed', 'end'],
  ['AgentConsultTransferred', 'end'],
  ['AgentConsultConferenced', 'end'],
]);

/** The catalogue's task effect of a name, derived from the tables above. */
export function taskEffectOf(name: string, fallback: 'updates' | 'none'): 'creates' | 'updates' | 'ends' | 'none' {
  if (TASK_ENDS.has(name)) return 'ends';
  if (TASK_STARTS.has(name)) return 'creates';
  return fallback;
}
