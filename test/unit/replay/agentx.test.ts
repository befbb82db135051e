// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { agentxSignalFor, agentxSignals } from '../../../src/replay/agentx-events';
import { createAgentxService } from '../../../src/replay/page/agentx-service';
import type { AqmRequests } from '../../../src/replay/page/aqm-requests';
import { requestMatcherFor } from '../../../src/replay/requests';
import type { ReplayStep } from '../../../src/replay/plan';

const require = createRequire(import.meta.url);

describe('wire name → AGENTX_SERVICE signal', () => {
  it('names only signals the published SDK types declare', () => {
    const types = require.resolve('@wxcc-desktop/sdk-types/package.json').replace(/package\.json$/, '');
    const contact = readFileSync(`${types}agentx-services/services/aqm/aqm-service-contact.d.ts`, 'utf8');
    const sdk = readFileSync(require.resolve('@wxcc-desktop/sdk'), 'utf8');
    for (const [wire, signal] of agentxSignals()) {
      const source = signal.entity === 'contact' ? contact : sdk;
      expect(source, `${wire} → ${signal.eName}`).toContain(signal.eName);
    }
  });

  it('maps the names widgets use most', () => {
    expect(agentxSignalFor('AgentContactHeld')).toEqual({
      entity: 'contact',
      eName: 'eAgentContactHeld',
      confirmed: true,
    });
    expect(agentxSignalFor('AgentContactUnheld')?.eName).toBe('eAgentContactUnHeld');
    expect(agentxSignalFor('ContactRecordingPaused')).toEqual({
      entity: 'contact',
      eName: 'ePauseRecording',
      confirmed: false,
    });
    expect(agentxSignalFor('AgentStateChange')?.entity).toBe('agent');
    expect(agentxSignalFor('NoSuchEvent')).toBeUndefined();
  });
});

describe('the fake AGENTX_SERVICE under the published @wxcc-desktop/sdk', () => {
  it('lets Desktop.config.init() finish, delivers events to addEventListener and routes hold to the REST call', async () => {
    const calls: unknown[][] = [];
    const requests = {
      call: (...args: unknown[]) => {
        calls.push(args);
        return Promise.resolve({ type: 'RoutingMessage', data: { type: 'AgentContactHeld' } });
      },
    } as unknown as AqmRequests;
    const fake = createAgentxService({ agentId: 'agent-1', requests });
    (window as unknown as { AGENTX_SERVICE: unknown }).AGENTX_SERVICE = fake.service;
    const { Desktop } = await import('@wxcc-desktop/sdk');
    let initialised = false;
    void fake.widgetInitialised.then(() => {
      initialised = true;
    });
    await Desktop.config.init({ widgetName: 'unit', widgetProvider: 'tests' });
    await Promise.resolve();
    expect(initialised).toBe(true);
    const heard: unknown[] = [];
    Desktop.agentContact.addEventListener('eAgentContactHeld', (m: unknown) => heard.push(m));
    const message = {
      type: 'RoutingMessage',
      orgId: 'o',
      trackingId: 't',
      data: { type: 'AgentContactHeld', interactionId: 'x' },
    };
    expect(fake.dispatch(message)).toBe('eAgentContactHeld');
    expect(fake.dispatch({ type: 'RoutingMessage', data: { type: 'Unmapped' } })).toBeUndefined();
    expect(heard).toEqual([message]);
    const id = '0ee5e6f8-b1e1-4c94-b5d4-a3f4f1e2a3b4';
    const result = await Desktop.agentContact.hold({
      interactionId: id,
      isPostCallConsult: false,
      data: { mediaResourceId: id },
    });
    expect(result).toMatchObject({ data: { type: 'AgentContactHeld' } });
    expect(calls).toEqual([['POST', `/v1/tasks/${id}/hold`, { mediaResourceId: id }]]);
  });
});

describe('request matching for request-driven replay', () => {
  const step = (eventName: string, interactionId?: string, seq = 1): ReplayStep => ({
    kind: 'frame',
    index: 0,
    seq,
    gapMs: 0,
    text: '{}',
    eventName,
    interactionId,
  });
  const m = requestMatcherFor();

  it('holds back results, not events the service sends on its own', () => {
    expect(m.awaitsRequest(step('AgentContactHeld', 'i'))).toBe(true);
    expect(m.awaitsRequest(step('ContactRecordingPauseFailed'))).toBe(true);
    expect(m.awaitsRequest(step('ContactEnded', 'i'))).toBe(false);
    expect(m.awaitsRequest(step('AgentOfferContact', 'i'))).toBe(false);
  });

  it('a success must name the request’s interaction; a failure without one answers any (§10.9)', () => {
    expect(m.matches(step('AgentContactHeld', 'i'), 'POST', '/v1/tasks/i/hold')).toBe(true);
    expect(m.matches(step('AgentContactHeld', 'j'), 'POST', '/v1/tasks/i/hold')).toBe(false);
    expect(m.matches(step('AgentContactHoldFailed'), 'POST', '/v1/tasks/i/hold')).toBe(true);
    expect(m.matches(step('AgentContactUnheld', 'i'), 'POST', '/v1/tasks/i/hold')).toBe(false);
    expect(m.operationOf('PUT', '/v1/agents/session/state')).toBe('state-change');
  });

  it('with the capture’s own request results known, exactly those frames wait', () => {
    const exact = requestMatcherFor(new Set([7]));
    expect(exact.awaitsRequest(step('AgentContactHeld', 'i', 7))).toBe(true);
    expect(exact.awaitsRequest(step('AgentContactHeld', 'i', 8))).toBe(false);
  });
});
