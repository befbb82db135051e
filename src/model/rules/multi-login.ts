import { SESSION_TAKEOVER_EVENTS } from '../agent-lane';
import { NO_HITS, type SessionRule } from './rule';

/**
 * Another session of the agent took this one over (`AGENT_MULTI_LOGIN`, §1.7, webex-js-sdk#4068):
 * the desktop closes its socket and does not reconnect, whatever calls it had. One warning per
 * interaction that was active, so each call shows it.
 */
export const multiLogin: SessionRule<null> = {
  id: 'multi-login',
  severity: 'warn',
  summary:
    'Another login of the agent took the session over (AGENT_MULTI_LOGIN): names the interactions that were active; the socket is closed on purpose.',
  start: () => null,
  check(moment) {
    if (moment.kind !== 'agent-event' || !SESSION_TAKEOVER_EVENTS.has(moment.decoded.name)) return NO_HITS;
    const { frame, session } = moment;
    const active = [...session.active];
    if (!active.length)
      return [
        {
          seq: frame.seq,
          severity: 'info',
          message: `${moment.decoded.name} (#${frame.seq}): another login took this session over; no interaction was active.`,
        },
      ];
    const names = active.map((t) => `${t.interactionId}${t.flags.onHold ? ' (on hold)' : ''}`).join(', ');
    return active.map((timeline) => ({
      seq: frame.seq,
      interactionId: timeline.interactionId,
      message: `${moment.decoded.name} (#${frame.seq}): another login took this session over while ${active.length === 1 ? 'this interaction was' : `${active.length} interactions were`} active: ${names}.`,
      evidence: timeline.events.length ? [timeline.events.at(-1)!.seq] : [],
    }));
  },
};
