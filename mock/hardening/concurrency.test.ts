// 50 clients over 127.0.0.1 for a bounded time: creates, PATCHes with If-Match and deletes, on shared
// and on their own clusters. Afterwards every cluster's successful writes must form one chain of
// ETags (no two wins with the same If-Match, none lost) and the totals must add up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer } from '../node/server.js';
import type { RunningMock } from '../node/server.js';

const CLIENTS = 50;
const DURATION_MS = 3000;
const SHARED = 5;

interface Write {
  id: string;
  ifMatch: string;
  newEtag: string;
  description: string;
}

let mock: RunningMock;
const headers = { Authorization: 'Bearer load', 'Content-Type': 'application/json' };

beforeAll(async () => {
  mock = await startMockServer({ port: 0, tokens: ['load'], activationDelayMs: 'never' });
});
afterAll(() => mock.close());

async function call(method: string, path: string, body?: unknown, extra: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const response = await fetch(`${mock.url}/api/v1/kubeclusters${path}`, {
    method,
    headers: { ...headers, ...extra },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(5000),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

function random(seed: number): () => number {
  let state = seed;
  return () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

describe('concurrency under load', () => {
  it(`keeps every acknowledged write with ${CLIENTS} clients writing at once`, async () => {
    const shared: string[] = [];
    const initial = new Map<string, string>();
    for (let i = 0; i < SHARED; i++) {
      const created = await call('POST', '', { name: `shared-${i}` });
      shared.push(created.body._id);
      initial.set(created.body._id, created.body._etag);
    }
    const writes: Write[] = [];
    const statuses = new Map<number, number>();
    let created = 0;
    let deleted = 0;
    const count = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);
    const deadline = Date.now() + DURATION_MS;

    const client = async (index: number) => {
      const next = random(index + 1);
      const own: string[] = [];
      let n = 0;
      while (Date.now() < deadline) {
        const roll = next();
        if (roll < 0.15 || own.length === 0) {
          const res = await call('POST', '', { name: `c${index}-${n++}` });
          count(res.status);
          if (res.status === 201) {
            created++;
            own.push(res.body._id);
            initial.set(res.body._id, res.body._etag);
          }
          continue;
        }
        if (roll < 0.25) {
          const id = own.pop() as string;
          const current = await call('GET', `/${id}`);
          const res = await call('DELETE', `/${id}`, undefined, { 'If-Match': current.body._etag });
          count(res.status);
          if (res.status === 204) deleted++;
          continue;
        }
        const id = roll < 0.75 ? (shared[Math.floor(next() * SHARED)] as string) : (own[Math.floor(next() * own.length)] as string);
        const current = await call('GET', `/${id}`);
        const description = `c${index}-${n++}`;
        const res = await call('PATCH', `/${id}`, { description }, { 'If-Match': current.body._etag });
        count(res.status);
        if (res.status === 200) writes.push({ id, ifMatch: current.body._etag, newEtag: res.body._etag, description });
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, (_, index) => client(index)));

    console.log(`concurrency: ${[...statuses].map(([s, n]) => `${s}: ${n}`).join(', ')}; ${writes.length} PATCHes won, ${created} created, ${deleted} deleted`);
    expect([...statuses.keys()].every((status) => [200, 201, 204, 412].includes(status))).toBe(true);
    expect(writes.length).toBeGreaterThan(100);

    // Per cluster, the winning PATCHes form one chain from the creation ETag to the stored one.
    for (const id of new Set(writes.map((w) => w.id))) {
      const mine = writes.filter((w) => w.id === id);
      const byIfMatch = new Map(mine.map((w) => [w.ifMatch, w]));
      expect(byIfMatch.size, `two PATCHes of ${id} won with the same If-Match`).toBe(mine.length);
      let etag = initial.get(id) as string;
      let last: Write | undefined;
      let chained = 0;
      for (let step = byIfMatch.get(etag); step; step = byIfMatch.get(etag)) {
        last = step;
        etag = step.newEtag;
        chained++;
      }
      expect(chained, `every winning PATCH of ${id} follows the one before it`).toBe(mine.length);
      const stored = await call('GET', `/${id}`);
      if (stored.status === 404) continue;
      expect(stored.body._etag, `the stored ETag of ${id} is the last write's`).toBe(etag);
      expect(stored.body.description).toBe(last?.description);
    }
    const total = (await call('GET', '?max_results=1')).body._meta.total;
    expect(total).toBe(SHARED + created - deleted);
  }, 30_000);
});
