import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  InteractionSchema,
  KeepaliveSchema,
  MEDIA_CHANNELS,
  NotificationEnvelopeSchema,
  WelcomeSchema,
  normaliseInteraction,
} from '../../../src/protocol';
import { optionalField, wireBoolean, wireBooleanOrString, wireNumber } from '../../../src/protocol/wire-values';
import { assignedFrame } from './frames';

// The Valibot schemas are the specification: parsed with Valibot alone they already yield the
// seed's types. (The decoder runs them through the faster walker; schema-walker.test.ts proves
// both agree.)

type Json = Record<string, unknown>;

describe('wire leaves', () => {
  it('wireBoolean takes booleans and "true"/"false" only', () => {
    const s = wireBoolean();
    expect(v.parse(s, 'true')).toBe(true);
    expect(v.parse(s, 'false')).toBe(false);
    expect(v.parse(s, true)).toBe(true);
    for (const bad of ['TRUE', '1', 1, null, '', 'yes']) expect(v.safeParse(s, bad).success, String(bad)).toBe(false);
  });

  it('wireNumber takes finite numbers and plain decimal strings only', () => {
    const s = wireNumber();
    expect(v.parse(s, 30)).toBe(30);
    expect(v.parse(s, '30')).toBe(30);
    expect(v.parse(s, '-1.5e3')).toBe(-1500);
    for (const bad of ['0x1f', '', ' 1', '1e999', 'NaN', Infinity, Number.NaN, true, null]) {
      expect(v.safeParse(s, bad).success, String(bad)).toBe(false);
    }
  });

  it('wireBooleanOrString turns "true"/"false" into booleans and keeps other strings', () => {
    const s = wireBooleanOrString();
    expect(v.parse(s, 'true')).toBe(true);
    expect(v.parse(s, 'joined')).toBe('joined');
    expect(v.safeParse(s, 1).success).toBe(false);
  });

  it('optionalField reads null as absent', () => {
    const s = v.looseObject({ outboundType: optionalField(v.string()) });
    expect(v.parse(s, { outboundType: null }).outboundType).toBeUndefined();
    expect(v.parse(s, {}).outboundType).toBeUndefined();
    expect(v.parse(s, { outboundType: 'OUTDIAL' }).outboundType).toBe('OUTDIAL');
  });

  it('knows the SDK media channels', () => {
    expect([...MEDIA_CHANNELS].sort()).toEqual(['chat', 'email', 'facebook', 'sms', 'social', 'telephony', 'whatsapp']);
  });
});

describe('InteractionSchema', () => {
  it('parses a fixture snapshot into the seed types, keeping unknown keys', () => {
    const wire = (assignedFrame()['data'] as Json)['interaction'] as Json;
    wire['notInSeed'] = { any: 'thing' };
    const out = v.parse(InteractionSchema, wire);
    expect(out.callProcessingDetails).toMatchObject({
      recordingStarted: true,
      isPaused: false,
      ronaTimeout: '30',
      taskToBeSelfServiced: 'false',
    });
    expect(out.isTerminated).toBe(false);
    expect(out['notInSeed']).toEqual({ any: 'thing' });
    expect(out.outboundType).toBeUndefined();
  });

  it('requires what the seed requires and nothing else', () => {
    const result = v.safeParse(InteractionSchema, {});
    expect(result.success).toBe(false);
    const missing = (result.issues ?? []).map((i) => v.getDotPath(i)).sort();
    expect(missing).toEqual([
      'callProcessingDetails',
      'contactDirection',
      'currentVTeam',
      'interactionId',
      'isFcManaged',
      'isTerminated',
      'media',
      'mediaChannel',
      'mediaType',
      'orgId',
      'owner',
      'participants',
      'previousVTeams',
      'state',
    ]);
  });

  it('normaliseInteraction reports findings under data.interaction', () => {
    const r = normaliseInteraction({ interactionId: 7 });
    expect(r.findings.find((f) => f.path === 'data.interaction.interactionId')?.code).toBe('wrong-type');
    // The 13 missing fields are one finding on the object (grouped per object, issue 10 kind 12).
    const missing = r.findings.filter((f) => f.code === 'missing-field');
    expect(missing.map((f) => f.path)).toEqual(['data.interaction']);
    expect(missing[0]!.message).toMatch(/^13 required fields are absent: /);
    expect(normaliseInteraction('x').value).toBeUndefined();
  });
});

describe('envelopes', () => {
  it('accept the documented frames', () => {
    expect(v.safeParse(KeepaliveSchema, { keepalive: 'true' }).success).toBe(true);
    expect(v.safeParse(KeepaliveSchema, { keepalive: true }).success).toBe(true);
    expect(v.safeParse(KeepaliveSchema, { keepalive: 'false' }).success).toBe(false);
    expect(v.safeParse(WelcomeSchema, { type: 'Welcome', data: { agentId: 'a' } }).success).toBe(true);
    expect(v.safeParse(NotificationEnvelopeSchema, assignedFrame()).success).toBe(true);
    expect(v.safeParse(NotificationEnvelopeSchema, { type: 'RoutingMessage', data: {} }).success).toBe(false);
  });
});
