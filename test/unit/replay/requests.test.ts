import { describe, expect, it } from 'vitest';
import type { ReplayStep } from '../../../src/replay/plan';
import { capturedRequests, requestMatcherFor } from '../../../src/replay/requests';
import { Flow } from '../model/flow';

/*
 * Request-driven replay with the capture's own requests known: the frame a captured request was
 * answered by waits for the app's request under the id the captured one was sent under, even when
 * the frame names the interaction by another id (protocol doc §5.1 check 11).
 */
describe('request-driven replay of a campaign preview accepted under its reservation id', () => {
  it('the app’s accept under the reservation id releases the assignment under the new key', () => {
    const flow = new Flow()
      .event('AgentOfferCampaignReservation', { interactionId: 'res-1' })
      .request('http-1', 'POST', '/v1/tasks/res-1/campaign-preview-accept')
      .response('http-1', 202)
      .event('AgentContactAssigned', { interactionId: 'camp-2', data: { reservationInteractionId: 'res-1' } });
    const assigned = flow.frames.at(-1)!.seq;
    const captured = capturedRequests(flow.frames)!;
    expect([...captured.resultSeqs]).toEqual([assigned]);
    expect([...captured.sentUnder]).toEqual([[assigned, 'res-1']]);
    const matcher = requestMatcherFor(captured.resultSeqs, captured.sentUnder);
    const step: ReplayStep = {
      kind: 'frame',
      index: 0,
      seq: assigned,
      gapMs: 0,
      text: '{}',
      eventName: 'AgentContactAssigned',
      interactionId: 'camp-2',
    };
    expect(matcher.awaitsRequest(step)).toBe(true);
    expect(matcher.matches(step, 'POST', '/v1/tasks/res-1/campaign-preview-accept')).toBe(true);
    expect(matcher.matches(step, 'POST', '/v1/tasks/camp-2/campaign-preview-accept')).toBe(true);
    expect(matcher.matches(step, 'POST', '/v1/tasks/other/campaign-preview-accept')).toBe(false);
    // Without what the capture says, only the frame's own id releases it.
    expect(
      requestMatcherFor(captured.resultSeqs).matches(step, 'POST', '/v1/tasks/res-1/campaign-preview-accept'),
    ).toBe(false);
  });
});
