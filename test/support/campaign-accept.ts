import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Frame } from '../../src/frame/frame';
import { readHar } from '../../src/io';

/*
 * Field case f09 (a campaign preview re-keyed on assignment, test/fixtures/field-cases/) with the
 * desktop's accept in it, as a HAR of the same moment with its XHR entries would have it: the
 * accept goes out under the reservation id, the AgentContactAssigned answers under the new key.
 */
export const CAMPAIGN = {
  reservation: 'f0900000-0000-4000-8000-0000000000a9',
  key: 'f0900000-0000-4000-8000-0000000000b9',
  /** The accept went out this long before the assignment… */
  latencyMs: 600,
  /** …and its HTTP 202 this long after it went out. */
  ackMs: 60,
} as const;

export function campaignAcceptFrames(): Frame[] {
  const file = fileURLToPath(new URL('../fixtures/field-cases/f09-campaign-preview-rekey.har', import.meta.url));
  const { frames } = readHar(JSON.parse(readFileSync(file, 'utf8')));
  return withCall(
    frames,
    'AgentContactAssigned',
    `/v1/tasks/${CAMPAIGN.reservation}/campaign-preview-accept`,
    CAMPAIGN.latencyMs,
    CAMPAIGN.ackMs,
  );
}

/**
 * `frames` with a WxCC REST call added: the request `before` ms ahead of the first `name` event,
 * its HTTP 202 `ackMs` after the request; seqs renumbered in time order.
 */
export function withCall(
  frames: readonly Frame[],
  name: string,
  urlPath: string,
  before: number,
  ackMs: number,
): Frame[] {
  const at = frames.find((f) => f.data?.includes(`"type":"${name}"`));
  if (!at) throw new Error(`no ${name} event to answer the call`);
  const t = at.t - before;
  const call = { socket: 'http-1', size: 0 } as const;
  const added: Frame[] = [
    {
      ...call,
      seq: 0,
      t,
      dir: 'out',
      kind: 'request',
      url: `https://api.wxcc-us1.cisco.com${urlPath}`,
      http: { method: 'POST', api: 'xhr' },
    },
    { ...call, seq: 0, t: t + ackMs, dir: 'in', kind: 'response', http: { status: 202 } },
  ];
  return [...frames, ...added].sort((a, b) => a.t - b.t).map((f, i) => ({ ...f, seq: i + 1 }));
}
