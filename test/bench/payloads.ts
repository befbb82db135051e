/**
 * Realistic notification frames for benchmarks: RoutingMessage envelopes with a full Interaction
 * snapshot (protocol doc §2.3), padded with call-associated data to the size asked for.
 */
export function routingFrames(count: number, targetBytes: number): string[] {
  // Size the padding once, then build every frame with a single stringify.
  let fields = 0;
  while (routingFrame(0, fields).length < targetBytes) fields++;
  return Array.from({ length: count }, (_, i) => routingFrame(i, fields));
}

function routingFrame(i: number, paddingFields: number): string {
  const interactionId = `c0ffee00-1111-4222-8333-${String(100000000000 + (i % 50)).padStart(12, '0')}`;
  const agentId = '3f0c2b9e-7a41-4d8e-9b6a-1c2d3e4f5a6b';
  const callAssociatedData: Record<string, unknown> = {};
  const frame = {
    type: 'RoutingMessage',
    orgId: '9b1d2c3e-0000-4a5b-8c7d-111122223333',
    trackingId: `notifs_5e6f7a8b-1234-4c5d-9e0f-${String(i).padStart(12, '0')}`,
    data: {
      type: i % 3 === 0 ? 'AgentContactHeld' : i % 3 === 1 ? 'AgentContactUnheld' : 'ContactUpdated',
      eventType: 'RoutingMessage',
      eventTime: 1735900123456 + i * 10,
      agentId,
      interactionId,
      mediaResourceId: interactionId,
      orgId: '9b1d2c3e-0000-4a5b-8c7d-111122223333',
      queueMgr: 'aqm',
      interaction: {
        interactionId,
        mediaType: 'telephony',
        state: i % 3 === 0 ? 'hold' : 'connected',
        isTerminated: false,
        owner: agentId,
        contactDirection: { type: 'INBOUND' },
        callProcessingDetails: {
          ani: '+14155550100',
          dnis: '+18005550199',
          recordingStarted: 'true',
          recordInProgress: 'true',
          isPaused: 'false',
          pauseResumeEnabled: 'true',
          ronaTimeout: '30',
        },
        media: {
          [interactionId]: {
            mediaResourceId: interactionId,
            mediaType: 'telephony',
            mediaMgr: 'callmm',
            mType: 'mainCall',
            isHold: i % 3 === 0,
            holdTimestamp: i % 3 === 0 ? 1735900123456 : null,
            participants: ['+14155550100', agentId],
          },
        },
        callAssociatedData,
      },
    },
  };
  for (let k = 0; k < paddingFields; k++) {
    callAssociatedData[`field${k}`] = {
      name: `field${k}`,
      displayName: `Field ${k}`,
      value: `value-${i}-${k}`,
      type: 'STRING',
      agentEditable: false,
      agentViewable: true,
      global: false,
      isSecure: false,
      reportable: true,
      secureKeyId: '',
      secureKeyVersion: 0,
    };
  }
  return JSON.stringify(frame);
}
