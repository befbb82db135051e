import type { Frame } from '../../src/frame/frame';
import { Flow } from '../unit/model/flow';

/** The ids and customers of the merge case (`mergeCase`). */
export const MERGE = {
  /** The interaction the child is merged into. */
  parent: 'd1e00000-0000-4000-8000-0000000000a1',
  /** The child's first id: a campaign reservation, re-keyed on assignment. */
  reservation: 'd1e00000-0000-4000-8000-0000000000c0',
  /** The child's key from its assignment on: the id `ContactMerged` names. */
  child: 'd1e00000-0000-4000-8000-0000000000c1',
  parentCustomer: '+14155550141',
  childCustomer: '+14155550142',
} as const;

/** The customer a snapshot names (CPD `ani`/`displayAni`, which `customerOf` reads first). */
const customer = (ani: string) => (s: Record<string, any>) => {
  s['callProcessingDetails'] = { ...s['callProcessingDetails'], ani, displayAni: ani };
};

/**
 * A call (the parent) and a campaign contact (the child, reserved under one id and re-keyed to
 * another on assignment) that is merged into it (`ContactMerged`, protocol doc §5.1 check 11).
 * Requests: a hold under the child's earlier (reservation) id, refused with HTTP 409; a hold
 * under the child's key, answered before the merge; an unhold under the child's key after the
 * merge, when that id means the parent. After the merge an update under the child's id too.
 */
export function mergeCase(): { frames: Frame[]; seq: Record<string, number> } {
  const flow = new Flow();
  const seq: Record<string, number> = {};
  const mark = (name: string) => (seq[name] = flow.frames.at(-1)!.seq);
  const { parent, reservation, child } = MERGE;
  flow.event('AgentContactReserved', { interactionId: parent, edit: customer(MERGE.parentCustomer) });
  mark('parentReserved');
  flow.event('AgentContactAssigned', { interactionId: parent });
  mark('parentAssigned');
  flow.event('AgentOfferCampaignReservation', { interactionId: reservation, edit: customer(MERGE.childCustomer) });
  mark('childOffered');
  flow.event('AgentContactAssigned', { interactionId: child, data: { reservationInteractionId: reservation } });
  mark('childAssigned');
  flow.request('http-1', 'POST', `/v1/tasks/${reservation}/hold`, { body: { mediaResourceId: reservation } });
  mark('holdUnderOldId');
  flow.response('http-1', 409, { body: '{"message":"task not found"}', after: 40 });
  mark('holdUnderOldIdAnswer');
  flow.request('http-2', 'POST', `/v1/tasks/${child}/hold`, { body: { mediaResourceId: child } });
  mark('holdUnderChild');
  flow.response('http-2', 202, { after: 60 });
  flow.event('AgentContactHeld', { interactionId: child, edit: (s) => setHold(s, true) });
  mark('childHeld');
  flow.event('ContactMerged', {
    interactionId: parent,
    data: { childInteractionId: child },
    // The merged call keeps the child's held leg: the unhold after the merge releases it.
    edit: customer(MERGE.parentCustomer),
  });
  mark('merged');
  flow.event('ContactUpdated', { interactionId: child });
  mark('updateUnderChildAfter');
  flow.request('http-3', 'POST', `/v1/tasks/${child}/unhold`, { body: { mediaResourceId: child } });
  mark('unholdAfter');
  flow.response('http-3', 202, { after: 60 });
  flow.event('AgentContactUnheld', { interactionId: child, edit: (s) => setHold(s, false) });
  mark('unheldAfter');
  return { frames: flow.frames, seq };
}

/** Every media leg's `isHold` (the shared snapshot keeps its legs, whatever the interaction). */
function setHold(snapshot: Record<string, any>, isHold: boolean): void {
  for (const leg of Object.values(snapshot['media'] ?? {})) (leg as Record<string, unknown>)['isHold'] = isHold;
}
