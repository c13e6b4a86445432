import { describe, expect, it } from 'vitest';
import { JournalRing } from './journal.js';

const request = (n: number, path = `/p${n}`) => ({ timeMs: Date.UTC(2026, 0, 1, 0, 0, 0, n), method: n % 2 ? 'GET' : 'PATCH', path, status: 200 + (n % 5), durationMs: n / 8 });

describe('the journal ring', () => {
  it('gives back every field of every entry as recorded, past the sizes it grows through', () => {
    const ring = new JournalRing(300);
    for (let n = 0; n < 200; n++) ring.record(request(n));
    const entries = ring.entries();
    expect(entries).toHaveLength(200);
    expect(entries[0]).toEqual({ time: '2026-01-01T00:00:00.000Z', method: 'PATCH', path: '/p0', status: 200, durationMs: 0 });
    expect(entries[199]).toEqual({ time: '2026-01-01T00:00:00.199Z', method: 'GET', path: '/p199', status: 204, durationMs: 199 / 8 });
  });

  it('keeps paths of any length and any characters whole', () => {
    const ring = new JournalRing(4);
    const long = `/api/v1/kubeclusters?where=${'x'.repeat(600)}`;
    const unicode = '/api/v1/kubeclusters?where={"name":"café ✓ 集群"}';
    const nearLimit = `/${'é'.repeat(127)}`;
    for (const [n, path] of [long, unicode, nearLimit].entries()) ring.record(request(n, path));
    expect(ring.entries().map((entry) => entry.path)).toEqual([long, unicode, nearLimit]);
    // The slot that held the long path is reused for a short one, then the ring wraps on.
    for (let n = 3; n < 9; n++) ring.record(request(n));
    expect(ring.entries().map((entry) => entry.path)).toEqual(['/p5', '/p6', '/p7', '/p8']);
  });

  it('keeps an ASCII path that fills its slot exactly, one byte more, and one that turns to unicode midway', () => {
    const ring = new JournalRing(4);
    const full = `/${'a'.repeat(255)}`;
    const over = `/${'a'.repeat(256)}`;
    const mixed = `/${'a'.repeat(200)}é${'b'.repeat(20)}`;
    for (const [n, path] of [full, over, mixed].entries()) ring.record(request(n, path));
    expect(ring.entries().map((entry) => entry.path)).toEqual([full, over, mixed]);
  });

  it('answers the last `limit` entries, and none once cleared', () => {
    const ring = new JournalRing(3);
    for (let n = 0; n < 5; n++) ring.record(request(n));
    expect(ring.entries(2).map((entry) => entry.path)).toEqual(['/p3', '/p4']);
    expect(ring.entries(10).map((entry) => entry.path)).toEqual(['/p2', '/p3', '/p4']);
    ring.clear();
    expect(ring.entries()).toEqual([]);
    ring.record(request(7));
    expect(ring.entries().map((entry) => entry.path)).toEqual(['/p7']);
  });
});
