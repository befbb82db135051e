import { describe, expect, it } from 'vitest';
import { CaptureDedup } from '../../../src/model/capture-dedup';

describe('one socket seen by the page and by deep capture', () => {
  it('makes the later copy the duplicate, never pairs two sockets of the same capture, and lets go when deep capture stops', () => {
    const dedup = new CaptureDedup();
    expect(dedup.skip('cdp-1', 'cdp', '{"e":1}', true, 1000)).toBe(false);
    expect(dedup.skip('ws-1', 'tap', '{"e":1}', true, 1010)).toBe(true);
    expect(dedup.duplicates.get('ws-1')).toBe('cdp-1');
    // Once a duplicate, every later frame of it (keepalives included) is left out.
    expect(dedup.skip('ws-1', 'tap', '{"keepalive":"true"}', false, 1020)).toBe(true);
    expect(dedup.skip('cdp-1', 'cdp', '{"keepalive":"true"}', false, 1020)).toBe(false);
    // The backend sending one event on two page sockets (field case f13) is no capture artefact.
    expect(dedup.skip('ws-2', 'tap', '{"e":2}', true, 2000)).toBe(false);
    expect(dedup.skip('ws-3', 'tap', '{"e":2}', true, 2001)).toBe(false);
    dedup.release((id) => id.startsWith('cdp-'));
    expect(dedup.skip('ws-1', 'tap', '{"e":3}', true, 3000)).toBe(false);
  });

  it('pairs a Welcome only within its own window, and nothing older than 10 s', () => {
    const dedup = new CaptureDedup();
    const welcome = '{"type":"Welcome","data":{"agentId":"a"}}';
    expect(dedup.skip('ws-1', 'tap', welcome, true, 0, 2_000)).toBe(false);
    // A later connection seen by deep capture says the same Welcome: not the same socket.
    expect(dedup.skip('cdp-1', 'cdp', welcome, true, 3_000, 2_000)).toBe(false);
    expect(dedup.skip('cdp-1', 'cdp', '{"e":1}', true, 3_100)).toBe(false);
    expect(dedup.skip('ws-9', 'tap', '{"e":1}', true, 14_000)).toBe(false);
  });
});
