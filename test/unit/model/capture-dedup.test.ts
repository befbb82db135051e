import { describe, expect, it } from 'vitest';
import { CaptureDedup, RETAIN_MS } from '../../../src/model/capture-dedup';

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

  it('remembers the last 2,000 events of the first capture until a second capture appears', () => {
    const dedup = new CaptureDedup();
    // 5,000 page events (more than are remembered), then deep capture joins the same socket.
    for (let i = 0; i < 5_000; i++) expect(dedup.skip('ws-1', 'tap', `{"e":${i}}`, true, i)).toBe(false);
    // Forgotten: older than the last 2,000.
    expect(dedup.skip('cdp-1', 'cdp', '{"e":2999}', true, 5_000)).toBe(false);
    expect(dedup.duplicates.size).toBe(0);
    // Remembered, and within 10 s: deep capture's socket is the later copy.
    expect(dedup.skip('cdp-2', 'cdp', '{"e":3001}', true, 5_001)).toBe(true);
    expect(dedup.duplicates.get('cdp-2')).toBe('ws-1');
  });

  it('keeps only the last minute of texts (a shift of events is not held in memory), and still pairs within it', () => {
    const dedup = new CaptureDedup();
    // An event a second for an hour, from the page alone: a minute of them is kept.
    for (let i = 0; i < 3_600; i++) dedup.skip('ws-1', 'tap', `{"e":${i}}`, true, i * 1000);
    expect(dedup.remembered).toBeLessThanOrEqual(RETAIN_MS / 1000 + 1);
    // Deep capture joins, its copy 5 s behind the page's: paired.
    expect(dedup.skip('cdp-1', 'cdp', '{"e":3594}', true, 3_599_000)).toBe(true);
    expect(dedup.duplicates.get('cdp-1')).toBe('ws-1');
    // Both captures on for another hour: the index stays a minute long too.
    for (let i = 3_600; i < 7_200; i++) dedup.skip('cdp-2', 'cdp', `{"e":${i}}`, true, i * 1000);
    expect(dedup.remembered).toBeLessThanOrEqual(RETAIN_MS / 1000 + 2);
    expect(dedup.skip('ws-2', 'tap', '{"e":7195}', true, 7_199_500)).toBe(true);
    expect(dedup.duplicates.get('ws-2')).toBe('cdp-2');
  });
});
