import { outcomeOf } from './report';
import type { TimelineEvent } from './timeline';

/**
 * The facts of one event besides its field changes, as short phrases: how it arrived (a second
 * delivery, late, reordered; issue 10 kinds 4 and 6) and the end or failure facts the wire sent
 * (`reason`, `reasonCode`, `terminatingParty`, `agentsPendingWrapUp`, `participantId`; kind 12).
 * For the panel's timeline; the CLI prints the same from the report.
 */
export function eventFacts(event: TimelineEvent): string[] {
  const facts: string[] = [];
  const marks = event.marks;
  if (marks?.duplicateOf !== undefined) facts.push(`duplicate of #${marks.duplicateOf}`);
  if (marks?.late !== undefined) facts.push(`late (ended at #${marks.late})`);
  if (marks?.reordered !== undefined) facts.push(`eventTime before #${marks.reordered}`);
  const outcome = outcomeOf(event.data);
  if (outcome.reason !== undefined) facts.push(`reason ${outcome.reason}`);
  if (outcome.reasonCode !== undefined) facts.push(`reasonCode ${outcome.reasonCode}`);
  if (outcome.terminatingParty !== undefined) facts.push(`terminatingParty ${outcome.terminatingParty}`);
  if (outcome.agentsPendingWrapUp !== undefined)
    facts.push(`agentsPendingWrapUp [${outcome.agentsPendingWrapUp.join(', ')}]`);
  if (outcome.participantId !== undefined) facts.push(`participantId ${outcome.participantId}`);
  return facts;
}
