import { describe, expectTypeOf, it } from 'vitest';
import type {
  CallAssociatedDatum,
  FlowParameter,
  Interaction,
  InteractionParticipant,
  MediaChannel,
  MediaEntry,
} from '../../../src/protocol';
import type * as Seed from './seed-interaction';

// Type-level only: these tests fail at `tsc --noEmit` (and in Vitest's typecheck) if the type the
// decoder produces drifts from the seed contract by a single field, optionality or nullability.
describe('the normalised Interaction type', () => {
  it('equals the seed Interaction', () => {
    expectTypeOf<Interaction>().toEqualTypeOf<Seed.Interaction>();
  });

  it('equals the seed in each part', () => {
    expectTypeOf<Interaction['callProcessingDetails']>().toEqualTypeOf<Seed.Interaction['callProcessingDetails']>();
    expectTypeOf<MediaEntry>().toEqualTypeOf<Seed.Interaction['media'][string]>();
    expectTypeOf<InteractionParticipant>().toEqualTypeOf<Seed.InteractionParticipant>();
    expectTypeOf<CallAssociatedDatum>().toEqualTypeOf<Seed.CallAssociatedDatum>();
    expectTypeOf<FlowParameter>().toEqualTypeOf<Seed.FlowParameter>();
    expectTypeOf<MediaChannel>().toEqualTypeOf<Seed.MEDIA_CHANNEL>();
  });

  it('is not trivially wide (a wrong field type would be caught)', () => {
    expectTypeOf<Interaction['media'][string]['isHold']>().toEqualTypeOf<boolean>();
    expectTypeOf<Interaction['callProcessingDetails']['ronaTimeout']>().toEqualTypeOf<string>();
    expectTypeOf<Interaction>().not.toEqualTypeOf<Omit<Seed.Interaction, 'state'>>();
    expectTypeOf<Interaction>().not.toEqualTypeOf<Seed.Interaction & { extra: string }>();
  });
});
