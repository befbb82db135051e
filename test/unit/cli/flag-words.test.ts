import { describe, expect, it } from 'vitest';
import { mayRecord } from '../../../src/model';
import { runCli } from './run-cli';

/*
 * The flags after each event in the panel's words (README, *The WxCC panel*), on the field cases
 * whose reading is about them (/work/shared/field-cases/README.md): f03 (whose hold "on hold" is),
 * f18 (recording unknown after an empty CPD) and f17 (digital channels are never recorded).
 */

const FIELD = 'test/fixtures/field-cases';

/** The seq, event name and flags of each timeline line of `analyze`'s human output. */
async function flagLines(name: string): Promise<string[]> {
  const { out, status } = await runCli('analyze', `${FIELD}/${name}.har`);
  expect(status).toBe(0);
  return [...out.matchAll(/^ {2}[\d:.]+ +\+[\d.]+s {2}(#\d+) +(\S+) +\S+ +(\[.*\])$/gm)].map(
    (m) => `${m[1]} ${m[2]} ${m[3]}`,
  );
}

describe('analyze: flags in the panel’s words', () => {
  it('f03: "on hold" is the customer’s leg; the parked consult leg is "leg held", listed apart', async () => {
    // "consulting" is said once: by the state from #15 on, by the flag while the state is still "connected".
    expect((await flagLines('f03-consult-leg-switch')).slice(3, 12)).toEqual([
      '#14 AgentConsultCreated [connected, recording active, consulting]',
      '#15 AgentContactHeld [consulting, on hold (…000000a3), recording active]',
      '#19 AgentConsulting [consulting, on hold (…000000a3), recording active]',
      '#24 AgentContactHeld [consulting, on hold (…000000a3), leg held (…000000b3), recording active]',
      '#26 AgentContactUnheld [consulting, leg held (…000000b3), recording active]',
      '#31 AgentContactHeld [consulting, on hold (…000000a3), leg held (…000000b3), recording active]',
      '#32 AgentContactUnheld [consulting, on hold (…000000a3), recording active]',
      '#38 AgentConsultEnded [hold, on hold (…000000a3), recording active]',
      '#40 AgentContactUnheld [connected, recording active]',
    ]);
  });

  it('f03 --json: each event names the customer’s leg beside the held legs', async () => {
    const { out } = await runCli('analyze', `${FIELD}/f03-consult-leg-switch.har`, '--json');
    const events = JSON.parse(out).interactions[0].events as {
      seq: number;
      flags: { onHold: boolean; heldLegs: string[]; customerLeg: string | null };
    }[];
    expect(events.find((e) => e.seq === 24)!.flags).toMatchObject({
      onHold: true,
      heldLegs: ['f0300000-0000-4000-8000-0000000000a3', 'f0300000-0000-4000-8000-0000000000b3'],
      customerLeg: 'f0300000-0000-4000-8000-0000000000a3',
    });
  });

  it('f18: "recording unknown" once the empty CPD says nothing of it', async () => {
    expect(await flagLines('f18-remote-hold-empty-cpd')).toEqual([
      '#5 AgentContactReserved [new, recording active]',
      '#6 AgentOfferContact [new, recording active]',
      '#9 AgentContactAssigned [connected, recording active]',
      '#16 AgentContactHeld [hold, on hold (…00000a18), recording active]',
      '#19 ContactUpdated [hold, on hold (…00000a18), recording unknown]',
      '#28 AgentContactUnheld [connected, recording unknown]',
      '#37 ContactEnded [wrapUp, recording unknown, wrap-up owed, ended (ContactEnded)]',
      '#38 AgentWrapup [wrapUp, recording unknown, wrap-up owed, ended (AgentWrapup)]',
      '#43 AgentWrappedUp [wrapUp, recording unknown, ended (AgentWrappedUp)]',
    ]);
  });

  it('f17: a chat and an e-mail, never recorded, show no recording at all', async () => {
    const { out } = await runCli('analyze', `${FIELD}/f17-chat-email-concurrent.har`);
    expect([...out.matchAll(/^Interaction \S+ · (\S+)/gm)].map((m) => m[1])).toEqual(['chat', 'email']);
    expect(out).not.toContain('recording');
  });

  it('a call, or a task of unknown media, may be recorded; digital channels never are', () => {
    expect([undefined, null, 'telephony', 'chat', 'email', 'social'].map(mayRecord)).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});
