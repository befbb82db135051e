/**
 * Requests and their results (issue 12): the operation table (§7), the correlator with the SDK's
 * matching rules (§10.9), and the session's adapter. A replay that releases the captured result of
 * a request uses `classifyRequest` + `matchKind`, or a `RequestCorrelator` of its own.
 */
export {
  classifyRequest,
  OPERATIONS,
  RESULT_EVENT_NAMES,
  resultKind,
  TIMEOUT_PREVIEW_ACCEPT_MS,
  TIMEOUT_REQ_MS,
  type Operation,
  type OperationCall,
  type ResultKind,
} from './operations';
export {
  matchKind,
  RequestCorrelator,
  type Correlation,
  type CorrelatorView,
  type RequestEnd,
  type RequestOutcome,
  type RequestStart,
  type ResultEvent,
  type TrackedRequest,
  type UnsolicitedResult,
} from './correlator';
export { RequestTracker, resultEventOf } from './tracker';
export {
  agentRequests,
  describeRequest,
  interactionRequests,
  PROBLEM_OUTCOMES,
  requestEnd,
  requestLane,
} from './select';
export { reportRequests, RequestReportSchema, type RequestReport } from './report';
export {
  answeredBy,
  isAgentEventRow,
  isRequestRow,
  isUnsolicited,
  joinedSeq,
  mergeRows,
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
} from './rows';
