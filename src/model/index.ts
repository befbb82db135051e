/** The session model: what decoded frames mean for the interactions, the agent and the connection. */
export { moveAnomalies, RULE_IDS, SEVERITY_RANK, type Anomaly, type RuleId } from './anomaly';
export { isBookkeeping } from './bookkeeping';
export { describeChange, shortenIds, shortValue, summarizeChanges } from './change-summary';
export { eventFacts } from './event-facts';
export { customerOf, customerOfSnapshot, isOutbound, type Customer } from './customer';
export { deepEqual, diffSnapshots, type FieldChange } from './field-diff';
export { INITIAL_FLAGS, recordingState, reportFlags, type Flags, type RecordingState } from './flags';
export { mayRecord } from './may-record';
export type { Interval, IntervalKind } from './intervals';
export { agentStateLane, holdTitles, lanesOf, type Lane, type LaneSegment } from './lanes';
export { agentEvents, agentRows, agentSpan, withNewStates, addedAtEnd } from './agent-session';
export { buildReport, REPORT_VERSION, ReportSchema, type Report, type ReportInputKind } from './report';
export { ALL_RULES, EVENT_RULES } from './rules';
export {
  Session,
  emptyFrameCounters,
  type AgentLane,
  type AgentStateChange,
  type FrameCounters,
  type SessionFinding,
  type SocketCapture,
  type SocketInfo,
  type UnavailableRule,
} from './session';
export type { WorkerInfo } from './worker-bridge';
export { CLOSE_NOT_RECORDED_WHY, closeRecorded, unclosedSocketWords } from './sockets';
export type { InteractionTimeline, MergedInto, TimelineEvent } from './timeline';
export { lastEndedAt } from './timeline';
export {
  agentRequests,
  classifyRequest,
  interactionRequests,
  requestEnd,
  requestLane,
  matchKind,
  OPERATIONS,
  RequestCorrelator,
  type RequestOutcome,
  type RequestReport,
  type TrackedRequest,
  type UnsolicitedResult,
  answeredBy,
  describeRequest,
  isAgentEventRow,
  isRequestRow,
  isUnsolicited,
  joinedSeq,
  mergeRows,
  PROBLEM_OUTCOMES,
  problemRequests,
  requestAt,
  requestOfFrame,
  resultSeqsOf,
  stackLane,
  stackRows,
  type AnsweredRequest,
  type AgentEventRow,
  type RequestRow,
  type TimelineRow,
} from './requests';
