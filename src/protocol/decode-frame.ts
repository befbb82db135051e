import type { Frame } from '../frame/frame';
import { formatPath, parsePath } from '../frame/path';
import type { DecodeSession } from './decode-session';
import { DesktopNotificationSchema, KeepaliveSchema, NotificationEnvelopeSchema, WelcomeSchema } from './envelope';
import {
  AgentEventDataSchema,
  FailureDataSchema,
  NotificationDataSchema,
  TaskEventDataSchema,
  type AgentEventData,
  type FailureData,
  type TaskEventData,
} from './event-data-schema';
import { isKnownEvent, lookupEvent, type EventInfo } from './event-catalogue';
import { describeValue, finding, type Finding } from './findings';
import { InteractionSchema, type Interaction } from './interaction-schema';
import { cutDeep, MAX_JSON_DEPTH, tooDeep } from './json-depth';
import { locateJsonError } from './json-error-position';
import {
  addFinding,
  closeFindings,
  createWalkContext,
  enter,
  leave,
  REMOVE,
  walkerFor,
  type WalkContext,
} from './schema-walker';

/*
 * decodeFrame: one captured Frame in, one Decoded out, for any input, without throwing.
 *
 * Order of work, cheapest first: the frame kind; JSON.parse; the envelope, told apart by its
 * keys (keepalive / Welcome / notification); the event name and its catalogue entry; only then
 * the `data` of the event, by the shape the catalogue names, which includes the Interaction
 * snapshot. Keepalives, the bulk of a capture, never reach the schema walker.
 */

interface DecodedBase {
  /** The frame this was decoded from (not copied). */
  readonly frame: Frame;
  readonly findings: Finding[];
}

export interface DecodedKeepalive extends DecodedBase {
  readonly kind: 'keepalive';
  readonly raw: unknown;
}

export interface DecodedWelcome extends DecodedBase {
  readonly kind: 'welcome';
  readonly agentId: string | undefined;
  readonly raw: unknown;
}

interface DecodedEventBase extends DecodedBase {
  readonly kind: 'event';
  /** `data.type`, or the top-level `type` when `data.type` is absent (§2). */
  readonly name: string;
  /** The top-level `type`: the envelope's category (`RoutingMessage`, `AgentStateChange`, ...). */
  readonly envelopeType: string | undefined;
  /** Catalogue entry; `category: 'unknown'` for names the catalogue does not list. */
  readonly info: EventInfo;
  readonly interactionId: string | undefined;
  readonly agentId: string | undefined;
  readonly eventTime: number | undefined;
  readonly mediaResourceId: string | undefined;
  /** `data.interaction`, normalised (see `normalise` for the contract), when the frame has one. */
  readonly interaction: Interaction | undefined;
  /** The parsed frame exactly as received: nothing is lost to validation. */
  readonly raw: unknown;
}

/** `data` normalised by the schema of its shape; `undefined` when the frame's `data` is not an object. */
export type DecodedEvent =
  | (DecodedEventBase & { readonly shape: 'task'; readonly data: TaskEventData | undefined })
  | (DecodedEventBase & { readonly shape: 'failure'; readonly data: FailureData | undefined })
  | (DecodedEventBase & { readonly shape: 'agent'; readonly data: AgentEventData | undefined })
  | (DecodedEventBase & {
      readonly shape: 'notification';
      readonly data: Readonly<Record<string, unknown>> | undefined;
    })
  | (DecodedEventBase & { readonly shape: 'unknown'; readonly data: Readonly<Record<string, unknown>> | undefined });

export interface DecodedUnknownJson extends DecodedBase {
  readonly kind: 'unknown-json';
  readonly raw: unknown;
}

export interface DecodedInvalidJson extends DecodedBase {
  readonly kind: 'invalid-json';
  readonly error: {
    /** The engine's own message (wording differs between browsers). */
    readonly message: string;
    /** 0-based offset, 1-based line and column of the first invalid character; undefined if the text is valid JSON the engine still refused (e.g. nesting too deep for it). */
    readonly position: number | undefined;
    readonly line: number | undefined;
    readonly column: number | undefined;
  };
}

export interface DecodedBinary extends DecodedBase {
  readonly kind: 'binary';
}

/** open / close / error frames of the socket, and the capture's own navigation / notice frames. */
export interface DecodedMeta extends DecodedBase {
  readonly kind: 'meta';
}

export type Decoded =
  | DecodedKeepalive
  | DecodedWelcome
  | DecodedEvent
  | DecodedUnknownJson
  | DecodedInvalidJson
  | DecodedBinary
  | DecodedMeta;
export type DecodedKind = Decoded['kind'];

/**
 * Decodes one frame. Pass the capture's `DecodeSession` (decode-session.ts) so unknown keys are
 * listed once per session; without it each frame lists its own. Never throws, whatever `frame`
 * holds (a last-resort guard turns an internal failure into a `wrong-type` finding on the root).
 */
export function decodeFrame(frame: Frame, session?: DecodeSession): Decoded {
  const seen = session?.seenUnknownKeys ?? new Set<string>();
  try {
    return decode(frame, seen);
  } catch (error) {
    return {
      kind: 'unknown-json',
      frame,
      raw: undefined,
      findings: [
        finding('wrong-type', '', `the decoder could not read this frame (${safeMessage(error)}); see the raw frame`),
      ],
    };
  }
}

function decode(frame: Frame, seen: Set<string>): Decoded {
  const kind: unknown = frame?.kind;
  if (kind === 'binary') return { kind: 'binary', frame, findings: [] };
  // A notice is the capture saying it lost or changed something (frames shed, a file repaired):
  // a finding, so it is counted and listed with the others.
  if (kind === 'notice')
    return {
      kind: 'meta',
      frame,
      findings: [finding('capture-notice', '', noticeText(frame.data))],
    };
  if (kind !== 'text') return { kind: 'meta', frame, findings: [] };
  const text: unknown = frame.data;
  if (typeof text !== 'string') {
    return invalidJson(frame, 'the text frame carries no payload', 0, 1, 1);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const where = locateJsonError(text);
    return invalidJson(frame, safeMessage(error), where?.position, where?.line, where?.column, where?.reason);
  }
  const deep = text.length > 2 * MAX_JSON_DEPTH ? tooDeep(json) : undefined;
  if (deep === undefined) return decodeJson(frame, json, seen);
  const decoded = decodeJson(frame, cutDeep(json), seen);
  decoded.findings.unshift(
    finding(
      'too-deep',
      deep,
      `nested deeper than ${MAX_JSON_DEPTH} levels: the parts below are not analysed (the raw frame keeps them)`,
    ),
  );
  return decoded;
}

/** A notice's text for its finding: short, like every finding message (the frame keeps it all). */
function noticeText(data: unknown): string {
  if (typeof data !== 'string' || data === '') return 'a notice of the capture';
  return data.length > 300 ? `${data.slice(0, 300)}…` : data;
}

function invalidJson(
  frame: Frame,
  message: string,
  position: number | undefined,
  line: number | undefined,
  column: number | undefined,
  reason?: string,
): DecodedInvalidJson {
  const at = position === undefined ? '' : ` at line ${line}, column ${column} (offset ${position})`;
  return {
    kind: 'invalid-json',
    frame,
    error: { message, position, line, column },
    findings: [finding('invalid-json', '', `not valid JSON${at}: ${reason ?? message}`)],
  };
}

function isRecordLike(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const hasOwn = Object.prototype.hasOwnProperty;

function isPlainKeepalive(json: Record<string, unknown>): boolean {
  const value = json['keepalive'];
  if (value !== 'true' && value !== true) return false;
  for (const key in json) if (key !== 'keepalive') return false;
  return true;
}

function decodeJson(frame: Frame, json: unknown, seen: Set<string>): Decoded {
  if (!isRecordLike(json)) {
    return {
      kind: 'unknown-json',
      frame,
      raw: json,
      findings: [finding('not-an-envelope', '', `valid JSON, but ${describeValue(json)} instead of an object`)],
    };
  }
  const type = json['type'];
  if (type === undefined && hasOwn.call(json, 'keepalive')) {
    // The bulk of any capture: the exact documented frame skips the schema walk.
    if (isPlainKeepalive(json)) return { kind: 'keepalive', frame, raw: json, findings: [] };
    const ctx = createWalkContext([], seen, 'keepalive');
    walkerFor(KeepaliveSchema)(json, ctx, '');
    return { kind: 'keepalive', frame, raw: json, findings: closeFindings(ctx) };
  }
  if (type === 'Welcome') {
    const ctx = createWalkContext([], seen, 'welcome');
    const welcome = walkerFor(WelcomeSchema)(json, ctx, '');
    const data = isRecordLike(welcome) ? welcome['data'] : undefined;
    const agentId = isRecordLike(data) && typeof data['agentId'] === 'string' ? data['agentId'] : undefined;
    return { kind: 'welcome', frame, raw: json, agentId, findings: closeFindings(ctx) };
  }
  const data = json['data'];
  if (type === undefined && typeof json['notifType'] === 'string')
    return decodeEvent(frame, json, json['notifType'], 'notifType', seen);
  const dataType = isRecordLike(data) ? data['type'] : undefined;
  if (typeof dataType === 'string') return decodeEvent(frame, json, dataType, 'data.type', seen);
  if (typeof type === 'string') return decodeEvent(frame, json, type, 'type', seen);
  return {
    kind: 'unknown-json',
    frame,
    raw: json,
    findings: [
      finding(
        'not-an-envelope',
        '',
        'an object without `keepalive`, a string `type` or a string `data.type`: no known envelope',
      ),
    ],
  };
}

function decodeEvent(
  frame: Frame,
  json: Record<string, unknown>,
  name: string,
  nameAt: 'data.type' | 'type' | 'notifType',
  seen: Set<string>,
): DecodedEvent {
  const info = lookupEvent(name);
  const known = isKnownEvent(name);
  const desktop = nameAt === 'notifType';
  const shape = known ? info.dataShape : desktop ? 'notification' : 'unknown';
  const ctx = createWalkContext([], seen, 'envelope');
  walkerFor(desktop ? DesktopNotificationSchema : NotificationEnvelopeSchema)(json, ctx, '');
  if (!known)
    addFinding(ctx, 'unknown-event', nameAt, `"${truncate(name)}" is not in the event catalogue; shown as received`);

  const rawData = json['data'];
  let data: Record<string, unknown> | undefined;
  if (rawData !== undefined && !isRecordLike(rawData)) {
    addFinding(ctx, 'wrong-type', 'data', `expected an object, got ${describeValue(rawData)}`);
  } else if (isRecordLike(rawData)) {
    // Known shapes report a missing or mistyped data.type through their schema; an unknown
    // event (which is what a frame without a usable data.type becomes) has none to do it.
    const dataType = rawData['type'];
    if (shape === 'unknown' && dataType === undefined) {
      addFinding(
        ctx,
        'missing-field',
        'data.type',
        'no event name in data.type; named after the envelope type instead',
      );
    } else if (shape === 'unknown' && typeof dataType !== 'string') {
      addFinding(ctx, 'wrong-type', 'data.type', `expected the event name as a string, got ${describeValue(dataType)}`);
    }
    data = shape === 'unknown' ? decodeUnknownData(rawData, ctx) : decodeKnownData(rawData, shape, ctx);
  }

  let interaction = data?.['interaction'];
  if (interaction !== undefined && !isRecordLike(interaction)) interaction = undefined;
  if (info.snapshot && data !== undefined && !hasOwn.call(rawData, 'interaction')) {
    addFinding(ctx, 'missing-field', 'data.interaction', `${name} is expected to carry the Interaction snapshot`);
  }
  if (interaction !== undefined) checkEpochs(interaction as Interaction, ctx);
  if (rawData !== undefined && isRecordLike(rawData) && isRecordLike(rawData['interaction']))
    acceptOpaqueFlowValues(ctx, rawData['interaction']);
  // One literal (not a spread of a base object): this runs for every event frame.
  return {
    kind: 'event',
    frame,
    findings: closeFindings(ctx),
    name,
    envelopeType: typeof json['type'] === 'string' ? json['type'] : undefined,
    info,
    interactionId: stringField(data, 'interactionId') ?? keyedId(data, info.interactionKey),
    agentId: stringField(data, 'agentId'),
    eventTime: numberField(data, 'eventTime'),
    mediaResourceId: stringField(data, 'mediaResourceId'),
    interaction: interaction as Interaction | undefined,
    raw: json,
    shape,
    data,
  } as DecodedEvent;
}

/** Where the Desktop may send flow values encrypted or compressed (§10.6 `isFlowValuesEncrypted`). */
const FLOW_VALUE_PARENTS = ['callAssociatedData', 'callAssociatedDetails', 'callFlowParams'];

/**
 * An encrypted or compressed CAD/flow value is an opaque string where the seed has an object:
 * valid, not a type error (§10.6). Its `wrong-type` finding becomes an info `opaque-value`; the
 * normalised snapshot leaves it out as before, the raw frame keeps it.
 */
function acceptOpaqueFlowValues(ctx: WalkContext, interaction: Record<string, unknown>): void {
  for (let i = 0; i < ctx.findings.length; i++) {
    const f = ctx.findings[i]!;
    if (f.code !== 'wrong-type' || !f.path.startsWith('data.interaction.')) continue;
    const segments = parsePath(f.path).slice(2);
    if (!FLOW_VALUE_PARENTS.includes(String(segments[0])) || segments.length > 2) continue;
    let value: unknown = interaction;
    for (const segment of segments) value = isRecordLike(value) ? value[String(segment)] : undefined;
    if (typeof value !== 'string') continue;
    ctx.findings[i] = finding(
      'opaque-value',
      f.path,
      `an opaque string of ${value.length} characters (an encrypted or compressed flow value); kept as sent`,
    );
  }
}

/** Epoch-millisecond fields of the snapshot; a value below this is in seconds (2286 in ms is 1e13). */
const SECONDS_BELOW = 1e11;
const TOP_EPOCHS = ['createdTimestamp', 'queuedTimestamp'] as const;

/**
 * Timestamps in epoch seconds where milliseconds are meant (issue 10 kind 10, webex/widgets#692):
 * a warning on that path saying so. Cheap: a few fields per snapshot, no walk.
 */
function checkEpochs(interaction: Interaction, ctx: WalkContext): void {
  const report = (segments: (string | number)[], value: unknown) => {
    if (typeof value !== 'number' || value <= 0 || value >= SECONDS_BELOW) return;
    addFinding(
      ctx,
      'implausible-timestamp',
      formatPath(['data', 'interaction', ...segments]),
      `${value} reads as epoch seconds (${new Date(value * 1000).toISOString()}), not milliseconds; kept as sent`,
    );
  };
  for (const key of TOP_EPOCHS) report([key], interaction[key]);
  for (const [id, leg] of Object.entries(interaction.media ?? {}))
    if (leg) report(['media', id, 'holdTimestamp'], leg.holdTimestamp);
  for (const [id, participant] of Object.entries(interaction.participants ?? {})) {
    if (!participant) continue;
    report(['participants', id, 'joinTimestamp'], participant.joinTimestamp);
    report(['participants', id, 'lastUpdated'], participant.lastUpdated);
  }
}

const DATA_SCHEMAS = {
  task: TaskEventDataSchema,
  failure: FailureDataSchema,
  agent: AgentEventDataSchema,
  notification: NotificationDataSchema,
} as const;

/** The interaction id of an event that names it elsewhere (REAL_TIME_TRANSCRIPTION: `data.data.conversationId`). */
function keyedId(data: Record<string, unknown> | undefined, key: readonly string[] | undefined): string | undefined {
  if (!key) return undefined;
  let value: unknown = data;
  for (const step of key) value = isRecordLike(value) ? value[step] : undefined;
  return typeof value === 'string' && value ? value : undefined;
}

function decodeKnownData(
  rawData: Record<string, unknown>,
  shape: keyof typeof DATA_SCHEMAS,
  ctx: WalkContext,
): Record<string, unknown> | undefined {
  ctx.scope = shape;
  const walked = walkerFor(DATA_SCHEMAS[shape])(rawData, ctx, 'data');
  return walked === REMOVE ? undefined : (walked as Record<string, unknown>);
}

/**
 * An event the catalogue does not know has no schema for its `data`, so only what every event
 * shares is read: the ids, and the Interaction snapshot when there is one (the anomaly view wants
 * it). Its other keys are not reported as unknown: the whole event already is.
 */
function decodeUnknownData(rawData: Record<string, unknown>, ctx: WalkContext): Record<string, unknown> {
  ctx.scope = 'task';
  const snapshot = rawData['interaction'];
  if (!isRecordLike(snapshot)) return rawData;
  enter(ctx, 'data', false);
  const walked = walkerFor(InteractionSchema)(snapshot, ctx, 'interaction');
  leave(ctx, false);
  if (walked === snapshot) return rawData;
  const out = { ...rawData };
  if (walked === REMOVE) delete out['interaction'];
  else out['interaction'] = walked;
  return out;
}

function stringField(data: Record<string, unknown> | undefined, key: string): string | undefined {
  const value = data?.[key];
  return typeof value === 'string' ? value : undefined;
}

function numberField(data: Record<string, unknown> | undefined, key: string): number | undefined {
  const value = data?.[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function truncate(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

function safeMessage(error: unknown): string {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return 'unknown error';
  }
}
