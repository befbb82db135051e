import { agentxSignalFor, agentxSignals } from '../agentx-events';
import type { AqmMessage, AqmRequests } from './aqm-requests';

/**
 * A stand-in for the global `AGENTX_SERVICE` the Agent Desktop defines, faithful enough for the
 * published `@wxcc-desktop/sdk` (2.0.15): `Desktop.config.init()` finds it inited, every module's
 * `init` binds its signals, `Desktop.agentContact.addEventListener('eAgentContactHeld', fn)` hears
 * the replayed `AgentContactHeld`, and the action calls (`hold`, `unHold`, `pauseRecording`, …)
 * go to the replay server as the Desktop's REST calls and settle with the replayed result.
 * What the SDK reads of it was taken from the SDK's own bundle (`SERVICE.aqm.*`, `conf.profile`,
 * `actionsChannels`, `webexMetrics`, `dataNotifs`, `webCalling`).
 */
export interface Signal<T> {
  listen(fn: (message: T) => void): { stopListen(): void };
  listenOnce(fn: (message: T) => void): { stopListenOnce(): void };
  listenOnceAsync(): Promise<T>;
  send(message: T): void;
}

export function createSignal<T>(): Signal<T> {
  const listeners = new Set<(message: T) => void>();
  const signal: Signal<T> = {
    listen(fn) {
      listeners.add(fn);
      return { stopListen: () => listeners.delete(fn) };
    },
    listenOnce(fn) {
      const once = (message: T): void => {
        listeners.delete(once);
        fn(message);
      };
      listeners.add(once);
      return { stopListenOnce: () => listeners.delete(once) };
    },
    listenOnceAsync() {
      return new Promise<T>((resolve) => signal.listenOnce(resolve));
    },
    send(message) {
      // A throwing widget listener must not stop the others, nor the replay.
      for (const fn of [...listeners]) {
        try {
          fn(message);
        } catch (error) {
          console.error('[wxcc replay] a widget listener threw', error);
        }
      }
    },
  };
  return signal;
}

export interface FakeAgentxService {
  /** The object to put on `window.AGENTX_SERVICE`. */
  readonly service: Record<string, unknown>;
  /** Resolves when a widget has called `Desktop.config.init()` (the SDK reports it as a metrics event). */
  readonly widgetInitialised: Promise<void>;
  /** Delivers one replayed notification to the signal a widget listens on; returns its eName. */
  dispatch(message: AqmMessage): string | undefined;
}

interface TaskParams {
  readonly interactionId?: string;
  readonly data?: Record<string, unknown>;
}

export function createAgentxService(options: { agentId: string; requests: AqmRequests }): FakeAgentxService {
  const contact: Record<string, unknown> = {};
  const agent: Record<string, unknown> = {};
  for (const { entity, eName } of agentxSignals().values()) {
    (entity === 'contact' ? contact : agent)[eName] = createSignal<AqmMessage>();
  }
  const { requests } = options;
  let initialised: () => void = () => undefined;
  const widgetInitialised = new Promise<void>((resolve) => {
    initialised = resolve;
  });
  const task = (path: string, bodyOf?: (p: TaskParams) => unknown) => (p: TaskParams) =>
    requests.call('POST', `/v1/tasks/${encodeURIComponent(p.interactionId ?? '')}${path}`, bodyOf?.(p) ?? p.data);
  Object.assign(contact, {
    accept: task('/accept'),
    decline: task('/decline'),
    hold: task('/hold', (p) => ({ mediaResourceId: p.data?.['mediaResourceId'] })),
    unHold: task('/unhold', (p) => ({ mediaResourceId: p.data?.['mediaResourceId'] })),
    pauseRecording: task('/record/pause'),
    resumeRecording: task('/record/resume'),
    consult: task('/consult'),
    consultAccept: task('/consult/accept'),
    consultEnd: task('/consult/end'),
    consultTransfer: task('/consult/transfer'),
    consultConference: task('/consult/conference'),
    exitConference: task('/conference/exit'),
    dropConferenceParticipant: (p: TaskParams) =>
      requests.call(
        'POST',
        `/v1/tasks/${encodeURIComponent(p.interactionId ?? '')}/conference/participants/${encodeURIComponent(
          String(p.data?.['participantId'] ?? ''),
        )}/drop`,
      ),
    blindTransfer: task('/transfer'),
    vteamTransfer: task('/transfer'),
    end: task('/end'),
    wrapup: task('/wrapup'),
    cancelCtq: task('/cancelCtq'),
    buddyAgents: (p: TaskParams) => requests.call('POST', '/v1/agents/buddyList', p.data),
    vteamList: () => Promise.resolve({ data: { data: [] } }),
  });
  Object.assign(agent, {
    stateChange: (p: TaskParams) => requests.call('PUT', '/v1/agents/session/state', p.data),
    // The SDK asks for the agent's session while it initialises; the replay has no session to
    // reload (its agent state comes from the capture's own agent events), so it answers at once.
    reload: () => Promise.resolve({ type: 'AgentReloginSuccess', data: { agentId: options.agentId } }),
    fetchAddressBooks: () => Promise.resolve({ data: [] }),
    mockOutdialAniList: () => Promise.resolve({ data: [] }),
  });
  const quiet = () => new Proxy({}, { get: () => createSignal<unknown>() });
  const service: Record<string, unknown> = {
    isInited: true,
    aqm: { contact, agent, dialer: {}, screenpop: quiet(), supervisor: quiet(), aiAssistant: quiet() },
    conf: {
      isReloginSuccess: false,
      profile: {
        agentId: options.agentId,
        agentName: 'Replay agent',
        agentProfileID: '',
        defaultDn: '',
        agentStatus: '',
        agentSubStatus: '',
        idleCode: undefined,
        idleCodes: [],
        wrapupCodes: [],
        teams: [],
        dialPlan: { dialPlanEntity: [] },
        isOutboundEnabledForTenant: false,
        isOutboundEnabledForAgent: false,
        isAdhocDialingEnabled: false,
        isEndCallEnabled: true,
        isEndConsultEnabled: true,
        allowConsultToQueue: false,
        isAgentAvailableAfterOutdial: false,
        isCampaignManagementEnabled: false,
        agentPersonalStatsEnabled: false,
      },
    },
    actionsChannels: {
      createSource: () => ({ send: () => undefined }),
      createDestination: () => ({ addListener: () => undefined, removeListener: () => undefined }),
    },
    dataNotifs: { aiAssistant: quiet() },
    // The SDK's `Desktop.config.init()` ends by publishing this event: the widget is listening now.
    webexMetrics: {
      trackBehavioralEvent: (name: unknown) => {
        if (name === 'agentx-js-sdk-init') initialised();
      },
    },
    webCalling: { sendDTMF: () => undefined },
  };
  return {
    service,
    widgetInitialised,
    dispatch(message) {
      const data = message.data;
      const name =
        typeof data === 'object' && data !== null && typeof (data as Record<string, unknown>)['type'] === 'string'
          ? ((data as Record<string, unknown>)['type'] as string)
          : typeof message.type === 'string'
            ? message.type
            : undefined;
      const signal = name === undefined ? undefined : agentxSignalFor(name);
      if (!signal) return undefined;
      const target = (signal.entity === 'contact' ? contact : agent)[signal.eName] as Signal<AqmMessage>;
      target.send(message);
      return signal.eName;
    },
  };
}
