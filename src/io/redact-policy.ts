/*
 * Which strings of a payload may stay as they are. Redaction is default-deny: a string value
 * under any key not listed here is replaced whole (`text-N`, or `phone-N` / `email-N` by its
 * shape), because contact centers put customer data in fields no list can foresee: wrap-up notes,
 * e-mail subjects, `flowProperties`, `callFlowParams`, transcripts, REST request bodies. Listed
 * keys are the ones a support engineer needs and that hold no one's data: ids, states, event
 * names, types, timestamps, flags, queue / team / workflow names (protocol doc §2, §4). Their
 * values still get the free-text pass (e-mails, phone numbers, tokens by shape) and the
 * known-values pass (every value met in a customer field, wherever it shows up again, e.g.
 * `deviceCallId: "call-+14155550100"`).
 *
 * Keys are compared lower-cased. Besides the list, a key ending in `Id`, `Ids`, `Timestamp` or
 * `Time` (camelCase, as WxCC writes them) keeps a value shaped like an id or a time
 * (`isIdOrTimeShaped`: one word with a UUID, or a number of no more than six digits, alone or after
 * words and a separator: `team-0001`), and values shaped like
 * an id (a UUID), a boolean, a pseudonym or nothing at all stay whatever their key.
 */

const SAFE = [
  // envelope and event data (§2)
  'type',
  'eventtype',
  'keepalive',
  'trackingid',
  'orgid',
  'agentid',
  'agentsessionid',
  'interactionid',
  'interactionids',
  'mediaresourceid',
  'consultmediaresourceid',
  'destagentid',
  // who left (ParticipantLeftConference, §3): the model compares it with agentId (flags.ts, `if-self`)
  'participantid',
  'eventtime',
  'status',
  'substatus',
  'auxcodeid',
  'teamid',
  'siteid',
  'changedby',
  'changedbyid',
  'roles',
  'profiletype',
  'devicetype',
  'channeltype',
  'reasoncode',
  'queuemgr',
  'isconferencing',
  'isconsulted',
  'ronatimeout',
  'version',
  'event',
  'name_of_event',
  // Interaction (§4.1)
  'mediatype',
  'mediachannel',
  'state',
  'isterminated',
  'isfcmanaged',
  'ismediaforked',
  'owner',
  'currentvteam',
  'previousvteams',
  'outboundtype',
  'maininteractionid',
  'parentinteractionid',
  'childinteractionid',
  'createdtimestamp',
  'queuedtimestamp',
  'iswrapupassist',
  'workflowmanager',
  // CPD (§4.2): flags, ids and routing names; not its customer fields, not `reason` (free text)
  'qmgrname',
  'tasktobeselfserviced',
  'tenantid',
  'queueid',
  'vteamid',
  'virtualteamname',
  'pauseresumeenabled',
  'pauseduration',
  'ispaused',
  'recordinprogress',
  'recordingstarted',
  'continue_recording_on_transfer',
  'ctqinprogress',
  'outdialtransfertoqueueenabled',
  'checkagentavailability',
  'participantinvitetimeout',
  'isparked',
  'relationshiptype',
  'parent_agent_teamname',
  'consultdestinationagentjoined',
  'conferenceholdparticipant',
  'hascustomerleft',
  'monitortype',
  'monitoringinvisiblemode',
  'monitoringrequestid',
  'monitoringstate',
  'workflowname',
  'workflowid',
  'flowtagid',
  'fceregisteredevents',
  'fcdesktopview',
  'ep_id',
  'routing_type',
  'routingstrategyid',
  'priority',
  'blind_transfer_in_progress',
  'outdialagentid',
  'campaignpreviewskipdisabled',
  'campaignpreviewremovedisabled',
  'campaignpreviewautoaction',
  'campaignpreviewoffertimeout',
  'campaigntype',
  'campaignid',
  // media legs (§4.3)
  'mediamgr',
  'mtype',
  'ishold',
  'holdtimestamp',
  // participants (§4.4): not name, callerId, dn
  'ptype',
  'hasjoined',
  'hasleft',
  'isinpredial',
  'isoffered',
  'iswrapup',
  'iswrappedup',
  'autoanswerenabled',
  'consultstate',
  'currentstate',
  'consulttimestamp',
  'currentstatetimestamp',
  'jointimestamp',
  'lastupdated',
  'wrapuptimestamp',
  'queuemgrid',
  'sessionid',
  'skillid',
  'skillname',
  'skills',
  'teamname',
  'channelid',
  'queuename',
  'sitename',
  'entrypointid',
  'entrypointname',
  // the agent's own state (§2.4); agents' names are decided by --agent-names, not here
  'laststatechangetimestamp',
  'lastidlecodechangetimestamp',
  'loggedoutby',
  'deviceid',
  // ids and times the model reads (src/model, src/protocol): listed, so that no value of theirs,
  // whatever its shape, is replaced and a redacted capture analyses like the original
  'reservationinteractionid',
  'callbacksourceinteractionid',
  'consultinginteractionid',
  'consultingagentid',
  'droppedbyid',
  'conversationid',
  'monitoringrequestid',
  'outdialagentid',
  'campaignid',
  'flowtagid',
  'routingstrategyid',
  'workflowid',
  'vteamid',
  'queueid',
  'ep_id',
  'pathid',
  'tenantid',
  'holdtimestamp',
  'jointimestamp',
  'callbackrequesttime',
  'latesteventtime',
  // HTTP (REST calls in a HAR, request frames): what says how, not about whom
  'method',
  'mimetype',
  'encoding',
  'httpversion',
] as const;

const SAFE_KEYS = new Set<string>(SAFE);

/** camelCase suffixes that make a key an id or a time. */
const SAFE_SUFFIX = /(?:Id|Ids|ID|Timestamp|Time)$/;
const TIME_SUFFIX = /(?:Timestamp|Time)$/;

/** Whether a string under this key may stay whatever it holds (after the free-text and known-values passes). */
export function isListedSafeKey(key: string): boolean {
  return SAFE_KEYS.has(key.toLowerCase());
}

/**
 * Whether a key not on the list is an id or a time by its suffix. Its string stays only when it
 * is shaped like one (`isIdOrTimeShaped`): customers name their own keys (`flowProperties`, CAD,
 * CPD), and `homeAddressId: "221B Baker Street"` is no id.
 */
export function isIdOrTimeKey(key: string): boolean {
  return SAFE_SUFFIX.test(key);
}

/** One word of id characters: `team-0001`, `notifs_<uuid>`, `123456`, `webrtc-<uuid>`. */
const ID_WORD = /^[A-Za-z0-9_.:-]{1,128}$/;
const UUID_PATTERN = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const UUID_IN = new RegExp(UUID_PATTERN, 'i');
const UUIDS_IN = new RegExp(UUID_PATTERN, 'gi');
const DIGIT = /\d/g;
/**
 * Digits outside UUIDs an id of a key safe by its suffix may have. More, however they are split
 * (`4111-1111-1111-1111`, `415:555:0100`, `29.02.1980`), are a card, a phone number, a date of
 * birth, an account: an id the model reads that has more is listed instead.
 */
const MAX_ID_DIGITS = 6;
/**
 * Without a UUID, an id is a number, alone or after words of letters each ending in a separator:
 * `123456`, `team-0001`, `aux-lunch-0001`. Letters and digits run together in one word
 * (`NW16XE`, `QQ123456C`, `AB12CDE`, `jsmith42`) are how postcodes, national insurance numbers,
 * number plates and logins are written: customer data, replaced.
 */
const PLAIN_ID = /^(?:[A-Za-z]+[-_.:])*\d+$/;
/**
 * An ISO 8601 date and time, with seconds, fraction and offset as they come (a bare date is no
 * time: it may be a date of birth). Free text keeps one's digits too (redact-text.ts).
 */
export const ISO_DATE_TIME_PATTERN = String.raw`\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?`;
const ISO_TIME = new RegExp(`^${ISO_DATE_TIME_PATTERN}$`);
/** Epoch seconds or milliseconds (2001–2286) as a string, milliseconds as a fraction too. */
const EPOCH = /^1\d{9}(?:\d{3}|\.\d{1,6})?$/;

/**
 * Whether `value`, under `key` (an `isIdOrTimeKey`), is shaped like an id: one word holding a
 * UUID and at most `MAX_ID_DIGITS` other digits (`notifs_<uuid>`), or `PLAIN_ID` with at most
 * `MAX_ID_DIGITS` digits (`team-0001`, `123456`); or, for a `…Time` key, a time.
 */
export function isIdOrTimeShaped(key: string, value: string): boolean {
  const trimmed = value.trim();
  if (TIME_SUFFIX.test(key) && (ISO_TIME.test(trimmed) || EPOCH.test(trimmed))) return true;
  if (!ID_WORD.test(trimmed)) return false;
  if (UUID_IN.test(trimmed)) return digitCount(trimmed.replace(UUIDS_IN, '')) <= MAX_ID_DIGITS;
  return PLAIN_ID.test(trimmed) && digitCount(trimmed) <= MAX_ID_DIGITS;
}

const digitCount = (text: string): number => text.match(DIGIT)?.length ?? 0;

/** Whether a string under this key may stay (after the free-text and known-values passes). */
export function isSafeKey(key: string, value: string): boolean {
  return isListedSafeKey(key) || (isIdOrTimeKey(key) && isIdOrTimeShaped(key, value));
}

const UUID = new RegExp(`^${UUID_PATTERN}$`, 'i');
const PSEUDONYM = /^(?:phone|email|name|value|text|token)-[1-9]\d*$/;

/** Values that say nothing about anyone whatever their key: ids, booleans, pseudonyms, nothing. */
export function isSafeValue(value: string): boolean {
  const trimmed = value.trim();
  if (trimmed === '' || trimmed === 'true' || trimmed === 'false' || trimmed === 'null') return true;
  return (trimmed.length === 36 && UUID.test(trimmed)) || PSEUDONYM.test(trimmed);
}

/** Keys whose value is a protocol constant when it is shaped like one (failure events, §2.5). */
const CONSTANT_KEYS = new Set(['reason']);
/** `MEDIA_NOT_HELD`, `AGENT_ENDS`: upper case words joined by underscores (at least two words). */
const PROTOCOL_CONSTANT = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;
/**
 * `terminatingParty` (`ContactEnded`, `AgentOutboundFailed`, §4.1 end-of-contact fields) names a
 * role, not a person: who hung up is what a support engineer reads an outdial's end by.
 */
const PARTY_KEYS = new Set(['terminatingparty']);
const PARTY_ROLES = new Set(['agent', 'customer', 'caller', 'supervisor', 'system', 'queue', 'flow', 'entrypoint']);

/**
 * Whether the value is a protocol value, not text: a failure event's `reason` shaped like the
 * wire's constants (`MEDIA_NOT_HELD`), which says why the backend refused, about no one; a
 * `terminatingParty` that is a role (`Agent`, `Customer`, `System`…, any case). A `reason` in
 * any other shape (free text, an error message) or any other `terminatingParty` is redacted.
 */
export function isProtocolConstant(key: string, value: string): boolean {
  const lower = key.toLowerCase();
  if (PARTY_KEYS.has(lower)) return PARTY_ROLES.has(value.toLowerCase());
  return CONSTANT_KEYS.has(lower) && PROTOCOL_CONSTANT.test(value);
}
