import { describe, expect, it } from 'vitest';
import type { Frame } from '../../../src/frame/frame';
import { CUT_MARK, MAX_JSON_DEPTH } from '../../../src/protocol/json-depth';
import {
  createDecodeSession,
  decodeFrame,
  type Decoded,
  type DecodedEvent,
  type Finding,
  type FindingCode,
} from '../../../src/protocol';
import { assignedFrame, eventFrame, jsonFrame, textFrame } from './frames';

type Json = Record<string, unknown>;

function event(decoded: Decoded): DecodedEvent {
  expect(decoded.kind).toBe('event');
  return decoded as DecodedEvent;
}

function codesAt(findings: Finding[], path: string): FindingCode[] {
  return findings.filter((f) => f.path === path).map((f) => f.code);
}

const nonInfo = (findings: Finding[]) => findings.filter((f) => f.severity !== 'info');

describe('decodeFrame: frame kinds', () => {
  it('decodes keepalives sent as the string or the boolean, in both directions', () => {
    for (const data of ['{"keepalive":"true"}', '{"keepalive":true}']) {
      for (const dir of ['in', 'out'] as const) {
        const d = decodeFrame(textFrame(data, dir));
        expect(d.kind).toBe('keepalive');
        expect(d.findings).toEqual([]);
      }
    }
  });

  it('reports a keepalive with an unexpected value but still calls it a keepalive', () => {
    const d = decodeFrame(textFrame('{"keepalive":"false"}'));
    expect(d.kind).toBe('keepalive');
    expect(codesAt(d.findings, 'keepalive')).toEqual(['wrong-type']);
  });

  it('decodes Welcome with its agentId', () => {
    const d = decodeFrame(jsonFrame({ type: 'Welcome', data: { agentId: 'agent-1' } }));
    expect(d).toMatchObject({ kind: 'welcome', agentId: 'agent-1', findings: [] });
  });

  it('reports a Welcome without agentId', () => {
    const d = decodeFrame(jsonFrame({ type: 'Welcome', data: {} }));
    expect(d).toMatchObject({ kind: 'welcome', agentId: undefined });
    expect(codesAt(d.findings, 'data.agentId')).toEqual(['missing-field']);
  });

  it('decodes a contact event: name, category, ids, time, leg, normalised snapshot, raw payload', () => {
    const wire = assignedFrame();
    const text = JSON.stringify(wire);
    const d = event(decodeFrame(textFrame(text)));
    const data = wire['data'] as Json;
    expect(d).toMatchObject({
      name: 'AgentContactAssigned',
      envelopeType: 'RoutingMessage',
      shape: 'task',
      interactionId: data['interactionId'],
      agentId: data['agentId'],
      eventTime: data['eventTime'],
      mediaResourceId: data['mediaResourceId'],
    });
    expect(d.info).toMatchObject({ category: 'assignment', task: 'updates', snapshot: true });
    expect(d.interaction?.callProcessingDetails.recordInProgress).toBe(true);
    expect(d.interaction?.callProcessingDetails.taskToBeSelfServiced).toBe('false');
    expect(d.shape === 'task' && d.data?.interaction).toBe(d.interaction);
    // Nothing is lost: the raw payload is the wire JSON, strings and all.
    expect(d.raw).toEqual(JSON.parse(text));
    expect(JSON.stringify(d.raw)).toBe(text);
    expect(nonInfo(d.findings)).toEqual([]);
  });

  it('uses data.type as the event name and falls back to the top-level type', () => {
    const withDataType = event(
      decodeFrame(
        jsonFrame({
          type: 'AgentStateChange',
          orgId: 'o',
          trackingId: 't',
          data: { type: 'AgentStateChangeSuccess', agentId: 'a' },
        }),
      ),
    );
    expect(withDataType).toMatchObject({
      name: 'AgentStateChangeSuccess',
      envelopeType: 'AgentStateChange',
      shape: 'agent',
    });
    const fallback = event(
      decodeFrame(jsonFrame({ type: 'AgentStateChange', orgId: 'o', trackingId: 't', data: { agentId: 'a' } })),
    );
    expect(fallback).toMatchObject({ name: 'AgentStateChange', shape: 'agent' });
    expect(fallback.info.category).toBe('agent');
    expect(codesAt(fallback.findings, 'data.type')).toEqual(['missing-field']);
  });

  it('calls valid JSON that is no known envelope unknown-json, with a finding', () => {
    for (const raw of ['null', '[1,2,3]', '"just a string"', '42', 'true', '{}', '{"hello":"world"}', '{"type":42}']) {
      const d = decodeFrame(textFrame(raw));
      expect(d.kind, raw).toBe('unknown-json');
      if (d.kind === 'unknown-json') expect(d.raw).toEqual(JSON.parse(raw));
      expect(
        d.findings.map((f) => f.code),
        raw,
      ).toEqual(['not-an-envelope']);
    }
  });

  it('reports invalid JSON with the position, line and column of the first bad character', () => {
    const text = '{"type":"RoutingMessage",\n "data":{"type":"AgentContactHeld",}}';
    const d = decodeFrame(textFrame(text));
    expect(d.kind).toBe('invalid-json');
    if (d.kind !== 'invalid-json') return;
    expect(d.error.position).toBe(text.indexOf(',}') + 1);
    expect(d.error).toMatchObject({ line: 2, column: text.indexOf(',}') + 1 - text.indexOf('\n') });
    expect(d.error.message.length).toBeGreaterThan(0);
    expect(d.findings).toHaveLength(1);
    expect(d.findings[0]).toMatchObject({ code: 'invalid-json', severity: 'error', path: '' });
    expect(d.findings[0]?.message).toMatch(/line 2, column \d+/);
  });

  it('reports truncated JSON at its end', () => {
    const text = '{"type":"RoutingMessage","data":{';
    const d = decodeFrame(textFrame(text));
    expect(d).toMatchObject({ kind: 'invalid-json', error: { position: text.length } });
  });

  it('handles an empty text frame and a text frame without data', () => {
    expect(decodeFrame(textFrame(''))).toMatchObject({ kind: 'invalid-json', error: { position: 0 } });
    const missing = decodeFrame(textFrame(undefined));
    expect(missing).toMatchObject({ kind: 'invalid-json', error: { position: 0 } });
    expect(missing.findings[0]?.code).toBe('invalid-json');
  });

  it('passes binary and meta frames through without parsing them', () => {
    const base = { seq: 1, t: 1, socket: 'ws-1', size: 4 };
    const binary: Frame = { ...base, dir: 'in', kind: 'binary', data: '7b226b' };
    expect(decodeFrame(binary)).toEqual({ kind: 'binary', frame: binary, findings: [] });
    expect(decodeFrame({ ...base, dir: 'in', kind: 'binary' })).toMatchObject({ kind: 'binary' });
    for (const kind of ['open', 'close', 'error', 'navigation', 'notice'] as const) {
      const frame: Frame = {
        ...base,
        dir: 'meta',
        kind,
        ...(kind === 'close' ? { close: { code: 1006, reason: '', wasClean: false } } : {}),
      };
      expect(decodeFrame(frame)).toEqual({
        kind: 'meta',
        frame,
        findings: kind === 'notice' ? [expect.objectContaining({ code: 'capture-notice', severity: 'warn' })] : [],
      });
    }
  });

  it('cuts JSON nested deeper than MAX_JSON_DEPTH and says where, without a stack overflow anywhere after', () => {
    const deep = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
    const data = `{"type":"RoutingMessage","data":{"type":"AgentContact","interactionId":"x","flowProperties":${deep(6000)}}}`;
    const decoded = decodeFrame({ seq: 1, t: 1, socket: 'ws-1', dir: 'in', kind: 'text', size: data.length, data });
    expect(decoded.findings[0]).toMatchObject({
      code: 'too-deep',
      path: `data.flowProperties${'.a'.repeat(MAX_JSON_DEPTH - 2)}`,
    });
    // What is left is small enough for every recursive walk: JSON.stringify is one.
    expect(JSON.stringify((decoded as { raw: unknown }).raw)).toContain(CUT_MARK);
    const shallow = `{"type":"RoutingMessage","data":${deep(50)}}`;
    expect(
      decodeFrame({ seq: 2, t: 1, socket: 'ws-1', dir: 'in', kind: 'text', size: 1, data: shallow }).findings.map(
        (f) => f.code,
      ),
    ).not.toContain('too-deep');
  });

  it('never throws, even for frames that are not frames', () => {
    for (const bogus of [
      undefined,
      null,
      42,
      'text',
      {},
      { kind: 'text' },
      { kind: 'text', data: 7 },
      { kind: 'binary', data: null },
    ]) {
      expect(() => decodeFrame(bogus as unknown as Frame)).not.toThrow();
    }
  });
});

describe('decodeFrame: normalisation of the wire quirks (§4.7)', () => {
  it('turns string booleans into booleans where the seed says boolean, and says so', () => {
    const wire = assignedFrame();
    const interaction = (wire['data'] as Json)['interaction'] as Json;
    Object.assign(interaction, { isTerminated: 'false', isFcManaged: 'true' });
    const leg = Object.values(interaction['media'] as Json)[0] as Json;
    leg['isHold'] = 'true';
    const d = event(decodeFrame(jsonFrame(wire)));
    expect(d.interaction?.isTerminated).toBe(false);
    expect(d.interaction?.isFcManaged).toBe(true);
    const legId = String(leg['mediaResourceId']);
    expect(d.interaction?.media[legId]?.isHold).toBe(true);
    expect(codesAt(d.findings, 'data.interaction.isTerminated')).toEqual(['string-boolean']);
    expect(codesAt(d.findings, `data.interaction.media.${legId}.isHold`)).toEqual(['string-boolean']);
    const cpd = d.interaction?.callProcessingDetails;
    expect(cpd).toMatchObject({
      recordingStarted: true,
      recordInProgress: true,
      isPaused: false,
      pauseResumeEnabled: true,
      ctqInProgress: false,
    });
    for (const key of ['recordingStarted', 'recordInProgress', 'isPaused', 'pauseResumeEnabled', 'ctqInProgress']) {
      const f = d.findings.find((x) => x.path === `data.interaction.callProcessingDetails.${key}`);
      expect(f, key).toMatchObject({ code: 'string-boolean', severity: 'info' });
    }
  });

  it('keeps the wire string where the seed says string, even when it spells a boolean or a number', () => {
    const d = event(decodeFrame(jsonFrame(assignedFrame())));
    const cpd = d.interaction?.callProcessingDetails;
    expect(cpd?.ronaTimeout).toBe('30');
    expect(cpd?.pauseDuration).toBe('30');
    expect(cpd?.priority).toBe('10');
    expect(cpd?.taskToBeSelfServiced).toBe('false');
    expect(cpd?.CONTINUE_RECORDING_ON_TRANSFER).toBe('true');
    expect(d.findings.filter((f) => /ronaTimeout|taskToBeSelfServiced|CONTINUE_RECORDING/.test(f.path))).toEqual([]);
  });

  it('turns numbers sent as decimal strings into numbers where the seed says number', () => {
    const wire = assignedFrame();
    const interaction = (wire['data'] as Json)['interaction'] as Json;
    interaction['createdTimestamp'] = '1767603586000';
    (wire['data'] as Json)['eventTime'] = '1767603600000';
    const d = event(decodeFrame(jsonFrame(wire)));
    expect(d.interaction?.createdTimestamp).toBe(1767603586000);
    expect(d.eventTime).toBe(1767603600000);
    expect(codesAt(d.findings, 'data.interaction.createdTimestamp')).toEqual(['string-number']);
    expect(codesAt(d.findings, 'data.eventTime')).toEqual(['string-number']);
  });

  it('does not read hex, blank or padded strings as numbers', () => {
    for (const bad of ['0x1f', '', ' 1', '1e999', 'NaN', '12abc']) {
      const wire = assignedFrame();
      ((wire['data'] as Json)['interaction'] as Json)['createdTimestamp'] = bad;
      const d = event(decodeFrame(jsonFrame(wire)));
      expect(d.interaction && 'createdTimestamp' in d.interaction, bad).toBe(false);
      expect(codesAt(d.findings, 'data.interaction.createdTimestamp'), bad).toEqual(['wrong-type']);
    }
  });

  it('reads null in optional non-nullable fields as absent, and keeps null where the seed allows it', () => {
    const d = event(decodeFrame(jsonFrame(assignedFrame())));
    // outboundType: null on the wire, `outboundType?: string` in the seed.
    expect(d.interaction && 'outboundType' in d.interaction).toBe(false);
    expect(codesAt(d.findings, 'data.interaction.outboundType')).toEqual(['null-as-absent']);
    expect(d.interaction?.workflowManager).toBeNull();
    const leg = Object.values(d.interaction?.media ?? {})[0];
    expect(leg?.holdTimestamp).toBeNull();
  });

  it('normalises booleans sent as strings in participants, and the boolean-or-string consult flag', () => {
    const wire = eventFrame('consult-conference-wrapup', 'AgentConsulting');
    const d = event(decodeFrame(jsonFrame(wire)));
    const agent = d.interaction?.participants[String((wire['data'] as Json)['agentId'])];
    expect(agent?.autoAnswerEnabled).toBe(false);
    expect(d.interaction?.callProcessingDetails.consultDestinationAgentJoined).toBe(true);
    const other = assignedFrame();
    (((other['data'] as Json)['interaction'] as Json)['callProcessingDetails'] as Json)[
      'consultDestinationAgentJoined'
    ] = 'pending';
    const kept = event(decodeFrame(jsonFrame(other)));
    expect(kept.interaction?.callProcessingDetails.consultDestinationAgentJoined).toBe('pending');
  });

  it('leaves unknown MEDIA_CHANNEL values out of the normalised snapshot, with a warning', () => {
    const wire = assignedFrame();
    ((wire['data'] as Json)['interaction'] as Json)['mediaType'] = 'video';
    const d = event(decodeFrame(jsonFrame(wire)));
    expect(d.interaction && 'mediaType' in d.interaction).toBe(false);
    expect(d.findings.find((f) => f.path === 'data.interaction.mediaType')).toMatchObject({
      code: 'unknown-value',
      severity: 'warn',
    });
  });

  it('reports wrong types as errors and leaves them out, keeping them in the raw payload', () => {
    const wire = assignedFrame();
    const interaction = (wire['data'] as Json)['interaction'] as Json;
    interaction['isTerminated'] = 'maybe';
    interaction['owner'] = 42;
    interaction['previousVTeams'] = ['ok', 7];
    const d = event(decodeFrame(jsonFrame(wire)));
    expect(d.interaction && 'isTerminated' in d.interaction).toBe(false);
    expect(d.interaction && 'owner' in d.interaction).toBe(false);
    expect(d.interaction?.previousVTeams).toEqual(['ok']);
    expect(codesAt(d.findings, 'data.interaction.isTerminated')).toEqual(['wrong-type']);
    expect(codesAt(d.findings, 'data.interaction.owner')).toEqual(['wrong-type']);
    expect(codesAt(d.findings, 'data.interaction.previousVTeams[1]')).toEqual(['wrong-type']);
    expect(d.findings.find((f) => f.path === 'data.interaction.owner')?.severity).toBe('error');
    expect(((d.raw as Json)['data'] as Json)['interaction']).toMatchObject({ isTerminated: 'maybe', owner: 42 });
  });

  it('reports missing required fields as warnings', () => {
    const wire = assignedFrame();
    const interaction = (wire['data'] as Json)['interaction'] as Json;
    delete interaction['state'];
    delete (interaction['contactDirection'] as Json)['type'];
    delete (wire['data'] as Json)['agentId'];
    const d = event(decodeFrame(jsonFrame(wire)));
    expect(codesAt(d.findings, 'data.interaction.state')).toEqual(['missing-field']);
    expect(codesAt(d.findings, 'data.interaction.contactDirection.type')).toEqual(['missing-field']);
    expect(codesAt(d.findings, 'data.agentId')).toEqual(['missing-field']);
    expect(d.findings.find((f) => f.code === 'missing-field')?.severity).toBe('warn');
    expect(d.agentId).toBeUndefined();
  });

  it('survives the empty callProcessingDetails the backend sometimes sends (PR #4850)', () => {
    const wire = assignedFrame();
    ((wire['data'] as Json)['interaction'] as Json)['callProcessingDetails'] = {};
    const d = event(decodeFrame(jsonFrame(wire)));
    expect(d.interaction?.callProcessingDetails).toEqual({});
    // One finding for the object, listing every missing field (issue 10 kind 12), not one per field.
    const missing = d.findings.filter((f) => f.path.startsWith('data.interaction.callProcessingDetails'));
    expect(missing.map((f) => [f.code, f.path])).toEqual([['missing-field', 'data.interaction.callProcessingDetails']]);
    expect(
      missing[0]!.message
        .replace(/^\d+ required fields are absent: /, '')
        .split(', ')
        .sort(),
    ).toEqual(
      [
        'IvrPath',
        'QMgrName',
        'QueueId',
        'ani',
        'appUser',
        'category',
        'customerName',
        'customerNumber',
        'displayAni',
        'dnis',
        'fromAddress',
        'pathId',
        'reason',
        'reasonCode',
        'ronaTimeout',
        'sourceNumber',
        'sourcePage',
        'taskToBeSelfServiced',
        'tenantId',
        'virtualTeamName',
        'vteamId',
      ].sort(),
    );
    // The recording flags are simply absent: no error, nothing invented.
    expect(d.interaction?.callProcessingDetails.recordInProgress).toBeUndefined();
    expect(d.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('accepts recording events without data.mediaResourceId', () => {
    const wire = eventFrame('recording-pause-resume', 'ContactRecordingPaused');
    expect('mediaResourceId' in (wire['data'] as Json)).toBe(false);
    const d = event(decodeFrame(jsonFrame(wire)));
    expect(d.info.category).toBe('recording');
    expect(d.mediaResourceId).toBeUndefined();
    expect(d.interaction?.callProcessingDetails).toMatchObject({ recordInProgress: false, isPaused: true });
    expect(nonInfo(d.findings)).toEqual([]);
  });

  it('accepts failure events without interaction (and without interactionId)', () => {
    for (const name of ['AgentContactHoldFailed', 'AgentVteamTransferFailed']) {
      const wire = eventFrame('transfer-and-failures', name);
      const d = event(decodeFrame(jsonFrame(wire)));
      expect(d).toMatchObject({ shape: 'failure', interaction: undefined });
      expect(d.info).toMatchObject({ category: 'failure', snapshot: false });
      expect(d.data).toMatchObject({ reason: expect.any(String), reasonCode: expect.any(Number) });
      expect(d.findings, name).toEqual([]);
    }
    const agentFailure = event(
      decodeFrame(jsonFrame(eventFrame('agent-session-monitoring', 'AgentStateChangeFailed'))),
    );
    expect(agentFailure).toMatchObject({ shape: 'failure', findings: [] });
    expect(agentFailure.info.failureOf).toBe('agent');
  });

  it('reports a failure with `interaction: {}` field by field instead of failing', () => {
    const wire = eventFrame('transfer-and-failures', 'AgentContactHoldFailed');
    (wire['data'] as Json)['interaction'] = {};
    const d = event(decodeFrame(jsonFrame(wire)));
    expect(d.interaction).toEqual({});
    // Grouped: one finding for the empty object naming its missing fields.
    expect(d.findings.map((f) => [f.code, f.path])).toEqual([['missing-field', 'data.interaction']]);
    expect(d.findings[0]!.message).toMatch(/^\d+ required fields are absent: .*interactionId/);
  });

  it('warns when an event that should carry the snapshot arrives without one', () => {
    const wire = assignedFrame();
    delete (wire['data'] as Json)['interaction'];
    const d = event(decodeFrame(jsonFrame(wire)));
    expect(d.interaction).toBeUndefined();
    expect(codesAt(d.findings, 'data.interaction')).toEqual(['missing-field']);
  });

  it('reports data that is not an object, and a non-string data.type', () => {
    const d = event(decodeFrame(textFrame('{"type":"RoutingMessage","orgId":"o","trackingId":"t","data":"oops"}')));
    expect(d).toMatchObject({ name: 'RoutingMessage', data: undefined, interaction: undefined });
    expect(codesAt(d.findings, 'data')).toEqual(['wrong-type']);
    const numeric = event(
      decodeFrame(jsonFrame({ type: 'RoutingMessage', orgId: 'o', trackingId: 't', data: { type: 5 } })),
    );
    expect(codesAt(numeric.findings, 'data.type')).toContain('wrong-type');
  });

  it('reads 1e400 (Infinity after JSON.parse) as a wrong number, not as a time', () => {
    const text =
      '{"type":"RoutingMessage","orgId":"o","trackingId":"t","data":{"type":"ContactUpdated","eventType":"RoutingMessage","agentId":"a","orgId":"o","trackingId":"t","interactionId":"i","eventTime":1e400}}';
    const d = event(decodeFrame(textFrame(text)));
    expect(d.eventTime).toBeUndefined();
    expect(codesAt(d.findings, 'data.eventTime')).toEqual(['wrong-type']);
  });

  it('does not mutate the parsed payload, and shares unchanged subtrees with it', () => {
    const d = event(decodeFrame(jsonFrame(assignedFrame())));
    const raw = ((d.raw as Json)['data'] as Json)['interaction'] as Json;
    expect((raw['callProcessingDetails'] as Json)['recordInProgress']).toBe('true');
    expect(d.interaction?.callProcessingDetails).not.toBe(raw['callProcessingDetails']);
    expect(d.interaction?.callAssociatedData).toBe(raw['callAssociatedData']);
    expect(d.interaction?.contactDirection).toBe(raw['contactDirection']);
  });
});

describe('decodeFrame: catalogue and unknown keys', () => {
  it('keeps unknown events, categorised unknown, with their snapshot normalised', () => {
    const wire = assignedFrame();
    (wire['data'] as Json)['type'] = 'AgentContactTeleported';
    const d = event(decodeFrame(jsonFrame(wire)));
    expect(d).toMatchObject({ name: 'AgentContactTeleported', shape: 'unknown' });
    expect(d.info).toMatchObject({ category: 'unknown', task: 'none' });
    expect(d.findings.find((f) => f.code === 'unknown-event')).toMatchObject({ path: 'data.type', severity: 'info' });
    expect(d.interaction?.callProcessingDetails.recordInProgress).toBe(true);
    expect(d.interactionId).toBe((wire['data'] as Json)['interactionId']);
  });

  it('treats prototype member names as ordinary unknown event names', () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const d = event(
        decodeFrame(jsonFrame({ type: 'RoutingMessage', orgId: 'o', trackingId: 't', data: { type: name } })),
      );
      expect(d.info.category, name).toBe('unknown');
    }
  });

  it('keeps unknown keys and lists each path once per session, not once per frame', () => {
    const wire = assignedFrame();
    const interaction = (wire['data'] as Json)['interaction'] as Json;
    interaction['newTopLevel'] = 1;
    (interaction['callProcessingDetails'] as Json)['newCpdKey'] = 'c-1';
    (interaction['callProcessingDetails'] as Json)['campaignId'] = 'known to the Desktop (§10.7)';
    for (const leg of Object.values(interaction['media'] as Json)) (leg as Json)['newLegFlag'] = true;
    for (const p of Object.values(interaction['participants'] as Json)) (p as Json)['newParticipantKey'] = 'x';
    (wire['data'] as Json)['newDataKey'] = 'y';
    const session = createDecodeSession();
    const first = event(decodeFrame(jsonFrame(wire), session));
    const unknown = first.findings
      .filter((f) => f.code === 'unknown-key')
      .map((f) => f.path)
      .sort();
    expect(unknown).toEqual([
      'data.interaction.callProcessingDetails.newCpdKey',
      'data.interaction.media.*.newLegFlag',
      'data.interaction.newTopLevel',
      'data.interaction.participants.*.newParticipantKey',
      'data.newDataKey',
    ]);
    expect(first.findings.find((f) => f.path === 'data.interaction.media.*.newLegFlag')?.message).toMatch(
      /first seen at data\.interaction\.media\.[^*]+\.newLegFlag/,
    );
    // Kept in the normalised snapshot as sent.
    expect((first.interaction as unknown as Json)['newTopLevel']).toBe(1);
    expect((first.interaction!.callProcessingDetails as unknown as Json)['newCpdKey']).toBe('c-1');
    const second = decodeFrame(jsonFrame(wire), session);
    expect(second.findings.filter((f) => f.code === 'unknown-key')).toEqual([]);
    // Without a session every frame lists its own (still once per path within the frame).
    const alone = decodeFrame(jsonFrame(wire));
    expect(alone.findings.filter((f) => f.code === 'unknown-key')).toHaveLength(5);
  });

  it('keeps at most 500 findings per frame and counts the rest', () => {
    const wire = assignedFrame();
    const interaction = (wire['data'] as Json)['interaction'] as Json;
    interaction['previousVTeams'] = Array.from({ length: 100_000 }, (_, i) => i);
    for (let i = 0; i < 2_000; i++) (interaction['contactDirection'] as Json)[`k${i}`] = i;
    const session = createDecodeSession();
    const d = event(decodeFrame(jsonFrame(wire), session));
    expect(d.findings).toHaveLength(501);
    expect(d.findings.at(-1)).toMatchObject({ code: 'too-many-findings', severity: 'warn' });
    expect(d.findings.at(-1)?.message).toMatch(/^\d+ more findings/);
    expect(d.interaction?.previousVTeams).toEqual([]);
    // Unknown keys that did not fit are not marked as seen: the next frame lists the next batch.
    const next = decodeFrame(
      jsonFrame({ ...wire, data: { ...(wire['data'] as Json), interaction: { ...interaction, previousVTeams: [] } } }),
      session,
    );
    expect(next.findings.filter((f) => f.code === 'unknown-key').length).toBeGreaterThan(0);
  });

  it('keeps a __proto__ key as an own key without touching any prototype', () => {
    const wire = assignedFrame();
    const text = JSON.stringify(wire).replace(
      '"callProcessingDetails":{',
      '"callProcessingDetails":{"__proto__":{"polluted":"yes"},',
    );
    const d = event(decodeFrame(textFrame(text)));
    const cpd = d.interaction?.callProcessingDetails as unknown as Json;
    expect(Object.hasOwn(cpd, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(cpd)).toBe(Object.prototype);
    expect(({} as Json)['polluted']).toBeUndefined();
    expect(d.findings.find((f) => f.code === 'unknown-key')?.path).toBe(
      'data.interaction.callProcessingDetails.__proto__',
    );
  });
});
