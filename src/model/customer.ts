import type { Interaction } from '../protocol';

/**
 * Who is on the other side, for a list row: the caller's number for calls, the address for
 * digital channels (protocol doc §4.2), else the customer participant's id.
 */
export function customerOf(snapshot: Interaction | undefined): string | undefined {
  if (!snapshot) return undefined;
  const cpd = snapshot.callProcessingDetails;
  const fromCpd = cpd?.displayAni || cpd?.ani || cpd?.fromAddress || cpd?.customerNumber || cpd?.customerName;
  if (fromCpd) return fromCpd;
  for (const participant of Object.values(snapshot.participants ?? {})) {
    if (String(participant?.pType ?? participant?.type ?? '').toLowerCase() === 'customer')
      return participant?.callerId || participant?.id;
  }
  return undefined;
}
