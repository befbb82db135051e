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
 * outdial the dialled number (the customer participant's `dn`, else `callAssociatedDetails.dn`);
 * otherwise the caller's number or the address (protocol doc §4.2), else the customer
 * participant's caller id or id.
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
  }
  const cpd = snapshot.callProcessingDetails;
  for (const key of ['displayAni', 'ani', 'fromAddress', 'customerNumber', 'customerName'] as const) {
    const value = cpd?.[key];
    if (typeof value === 'string' && value) return { value, source: formatPath(['callProcessingDetails', key]) };
  }
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
