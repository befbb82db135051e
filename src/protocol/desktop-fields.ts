/**
 * Fields the stock Agent Desktop sends beyond the seed `Interaction` (protocol doc §10.7): the seed
 * stays the contract (the normalised type does not grow), but these keys are known, so they are not
 * reported as `unknown-key` findings. Generic paths, as unknown-key findings write them.
 */
const CPD = 'data.interaction.callProcessingDetails';

export const DESKTOP_FIELDS: ReadonlySet<string> = new Set([
  ...[
    'campaignId',
    'campaignType',
    'campaignPreviewOfferTimeout',
    'campaignPreviewSkipDisabled',
    'campaignPreviewRemoveDisabled',
    'callbackReason',
    'callbackSourceInteractionId',
    'callBackRequestTime',
    'contactAssignmentType',
    'isFlowValuesEncrypted',
  ].map((key) => `${CPD}.${key}`),
]);
