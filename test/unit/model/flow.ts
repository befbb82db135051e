import type { Frame } from '../../../src/frame/frame';
import { Session } from '../../../src/model';
import { loadScenario } from '../../sim/scenario';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const base = loadScenario('inbound-hold-resume');
const assigned = base.steps.find((s) => (s.frame as Json | undefined)?.['data']?.['type'] === 'AgentContactAssigned')!
  .frame as Json;

export const AGENT = base.agentId;
export const ID: string = assigned['data']['interactionId'];
/** The connected call's snapshot from the inbound scenario: a realistic starting point. */
export const connected = (): Json => structuredClone(assigned['data']['interaction']);

export interface EventOptions {
  /** Change the snapshot before it is sent (it carries over to later events). */
  edit?: (interaction: Json) => void;
  /** Top-level `data` fields (mediaResourceId, consultMediaResourceId, ronaTimeout, …). */
  data?: Json;
  /** Send no snapshot (like recording events on the wire). */
  noSnapshot?: boolean;
  /** Milliseconds after the previous frame. */
  after?: number;
  eventTime?: number | null;
  interactionId?: string;
}

/**
 * Writes a capture frame by frame: a socket with its Welcome, then contact events built from the
 * scenario's snapshot, each edit carrying over. Rules are tested on flows made with it.
 */
export class Flow {
  readonly frames: Frame[] = [];
  private t = 1_767_603_600_000;
  private eventTime = 1_767_603_600_000;
  private snapshot: Json = connected();
  private socketNo = 0;

  constructor(options: { welcome?: boolean } = {}) {
    this.connect(options.welcome ?? true);
  }

  connect(welcome = true): this {
    const socket = `ws-${++this.socketNo}`;
    this.push({
      socket,
      dir: 'in',
      kind: 'open',
      size: 0,
      url: `wss://api.wxcc-us1.cisco.com/v1/notification/subscription/${socket}`,
    });
    if (welcome) this.text(JSON.stringify({ type: 'Welcome', data: { agentId: AGENT } }));
    return this;
  }

  close(code = 1006): this {
    this.push({
      socket: this.socket(),
      dir: 'in',
      kind: 'close',
      size: 0,
      close: { code, reason: '', wasClean: false },
    });
    return this;
  }

  event(name: string, options: EventOptions = {}): this {
    options.edit?.(this.snapshot);
    this.eventTime += 1000;
    const interactionId = options.interactionId ?? ID;
    const data: Json = {
      type: name,
      eventType: 'RoutingMessage',
      agentId: AGENT,
      interactionId,
      orgId: assigned['data']['orgId'],
      trackingId: `tracking-${this.frames.length + 1}`,
      ...(options.eventTime === null ? {} : { eventTime: options.eventTime ?? this.eventTime }),
      ...options.data,
    };
    if (!options.noSnapshot) data['interaction'] = { ...this.snapshot, interactionId };
    this.text(
      JSON.stringify({ type: 'RoutingMessage', orgId: data['orgId'], trackingId: 'notifs_1', data }),
      options.after,
    );
    return this;
  }

  agentState(status: string, subStatus = status, after?: number): this {
    this.text(
      JSON.stringify({
        type: 'AgentStateChange',
        data: { type: 'AgentStateChangeSuccess', eventType: 'AgentDesktopMessage', agentId: AGENT, status, subStatus },
      }),
      after,
    );
    return this;
  }

  /** An agent failure event (§2.4 Failure shape: no interactionId), e.g. `AgentStateChangeFailed`. */
  agentFailure(name: string, reason: string, reasonCode: number, after = 250): this {
    this.text(
      JSON.stringify({
        type: 'AgentStateChange',
        data: { type: name, eventType: 'AgentDesktopMessage', agentId: AGENT, reason, reasonCode },
      }),
      after,
    );
    return this;
  }

  keepalive(after = 4000): this {
    this.text('{"keepalive":"true"}', after);
    return this;
  }

  /** A WxCC API request (issue 12): `id` names it (`http-1`), `path` is under the API gateway. */
  request(
    id: string,
    method: string,
    path: string,
    options: { body?: unknown; trackingId?: string; after?: number } = {},
  ): this {
    const data = options.body === undefined ? undefined : JSON.stringify(options.body);
    this.push(
      {
        socket: id,
        dir: 'out',
        kind: 'request',
        size: data?.length ?? 0,
        url: `https://api.wxcc-us1.cisco.com${path}`,
        http: { method, api: 'xhr', ...(options.trackingId ? { trackingId: options.trackingId } : {}) },
        ...(data === undefined ? {} : { data }),
      },
      options.after,
    );
    return this;
  }

  /** The HTTP answer of request `id`: `status` 0 with `error` for none. */
  response(id: string, status: number, options: { body?: string; error?: string; after?: number } = {}): this {
    this.push(
      {
        socket: id,
        dir: 'in',
        kind: 'response',
        size: options.body?.length ?? 0,
        http: { status, ...(options.error ? { error: options.error } : {}) },
        ...(options.body === undefined ? {} : { data: options.body }),
      },
      options.after,
    );
    return this;
  }

  /** Frames lost in capture: the next frame's seq jumps by `n`. */
  skipSeq(n: number): this {
    this.skipped += n;
    return this;
  }

  run(): Session {
    const session = new Session();
    for (const frame of this.frames) session.ingest(frame);
    session.finish();
    return session;
  }

  private skipped = 0;

  private socket(): string {
    return `ws-${this.socketNo}`;
  }

  private text(data: string, after = 250): void {
    this.push({ socket: this.socket(), dir: 'in', kind: 'text', data, size: data.length }, after);
  }

  private push(frame: Omit<Frame, 'seq' | 't'>, after = 250): void {
    this.t += after;
    const seq = (this.frames.at(-1)?.seq ?? 0) + 1 + this.skipped;
    this.skipped = 0;
    this.frames.push({ seq, t: this.t, ...frame });
  }
}
