import { formatPath } from '../frame/path';
import type { Interaction } from '../protocol';

/** Who the customer is, and the snapshot field it was read from (a path in the one path grammar). */
export interface Customer {
  value: string;
  source: string;
}

const isCustomer = (participant: { pType?: unknown; type?: unknown } | undefined): boolean =>
  String(participant?.pType ?? participant?.type ?? '').toLowerCase() === 'customer';

/** An outdial: the agent called out, so CPD `ani` is the entry point's own number (§10.10). */
export function isOutbound(snapshot: Interaction): boolean {
  return snapshot.contactDirection?.type?.toUpperCase() === 'OUTBOUND' || Boolean(snapshot.outboundType);
}

/**
 * The customer of an interaction, by its direction (issue 10 kind 11, webex/widgets#632): for an
 * outdial the dialled number (the customer participant's `dn`, else `callAssociatedDetails.dn`,
 * else the customer participant's caller id or id — an outdial's customer participant is keyed by
 * the dialled number —, else CPD `customerNumber`, then `dnis`); CPD `ani`/`displayAni` never name
 * an outdial's customer, as they hold the entry point's own number (§10.10). Otherwise the caller's
 * number or the address (protocol doc §4.2), else the customer participant's caller id or id.
 */
export function customerOfSnapshot(snapshot: Interaction | undefined): Customer | undefined {
  if (!snapshot) return undefined;
  const participants = Object.entries(snapshot.participants ?? {});
  if (isOutbound(snapshot)) {
    for (const [id, participant] of participants) {
      const dn = participant?.dn;
      if (isCustomer(participant) && typeof dn === 'string' && dn)
        return { value: dn, source: formatPath(['participants', id, 'dn']) };
    }
    const dn = snapshot.callAssociatedDetails?.['dn'];
    if (dn) return { value: dn, source: formatPath(['callAssociatedDetails', 'dn']) };
    const participant = customerParticipant(participants);
    if (participant) return participant;
  }
  const cpd = snapshot.callProcessingDetails;
  const keys = isOutbound(snapshot) ? OUTBOUND_CPD_KEYS : INBOUND_CPD_KEYS;
  for (const key of keys) {
    const value = cpd?.[key];
    if (typeof value === 'string' && value) return { value, source: formatPath(['callProcessingDetails', key]) };
  }
  return customerParticipant(participants);
}

const INBOUND_CPD_KEYS = ['displayAni', 'ani', 'fromAddress', 'customerNumber', 'customerName'] as const;
/** An outdial's CPD: `ani`/`displayAni` are the entry point's number, `dnis` the dialled one. */
const OUTBOUND_CPD_KEYS = ['customerNumber', 'dnis', 'fromAddress', 'customerName'] as const;

function customerParticipant(
  participants: [string, NonNullable<Interaction['participants']>[string] | undefined][],
): Customer | undefined {
  for (const [id, participant] of participants) {
    if (!isCustomer(participant)) continue;
    if (participant?.callerId)
      return { value: participant.callerId, source: formatPath(['participants', id, 'callerId']) };
    if (participant?.id) return { value: participant.id, source: formatPath(['participants', id, 'id']) };
  }
  return undefined;
}

/** The customer, for a list row. */
export function customerOf(snapshot: Interaction | undefined): string | undefined {
  return customerOfSnapshot(snapshot)?.value;
}
