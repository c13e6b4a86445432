// compare end to end without a network: the mock against itself finds nothing; against a mock
// altered on purpose it finds each alteration, grouped by kind, with a curl line for each side.
import { describe, expect, it } from 'vitest';
import { UNKNOWN_ID } from './steps.js';
import { runCompare } from './run.js';
import type { CompareOptions } from './run.js';
import { TOKENS, inProcessMock } from './test-support/servers.js';

const base = { token: TOKENS[0], token2: TOKENS[1], seed: 7, requests: 400, prefix: 'compare-test-' } satisfies Partial<CompareOptions>;

describe('compare, in process', () => {
  it('COMPARE-1 the mock against the mock: every request answered alike, zero differences', async () => {
    const outcome = await runCompare({ ...base, a: { baseUrl: 'http://a.local', fetch: inProcessMock() }, b: { baseUrl: 'http://b.local', fetch: inProcessMock() } });
    if (!outcome.ran) throw new Error(outcome.reason);
    expect(outcome.summary.requests).toBe(400);
    expect(outcome.summary.differences).toEqual([]);
    expect(outcome.summary.allowedCount).toBe(0);
  });

  it('COMPARE-2 a mock altered on purpose: a status, a header and a body field difference are found and grouped', async () => {
    const altered = inProcessMock(async (request, response) => {
      const path = new URL(request.url).pathname;
      if (request.method === 'DELETE' && path.endsWith(UNKNOWN_ID)) return new Response(JSON.stringify({ _status: 'ERR', _error: { code: 404, message: 'gone' } }), { status: 404 });
      if (request.method === 'GET' && /\/kubeclusters\/[0-9a-f]{24}$/.test(path) && response.status === 200) {
        const body = (await response.json()) as Record<string, unknown>;
        const headers = new Headers(response.headers);
        headers.delete('etag');
        return new Response(JSON.stringify({ ...body, extra: true }), { status: 200, headers });
      }
      return response;
    });
    const outcome = await runCompare({ ...base, a: { baseUrl: 'http://a.local', fetch: inProcessMock() }, b: { baseUrl: 'http://b.local', fetch: altered } });
    if (!outcome.ran) throw new Error(outcome.reason);
    const kinds = outcome.summary.differences.map((d) => d.kind);
    expect(kinds).toContain('DELETE kubeclusters/{id}: unknown id | status 204 vs 404');
    expect(kinds).toContain('GET kubeclusters/{id}: plain | header etag: only in A');
    expect(kinds).toContain('GET kubeclusters/{id}: plain | body extra: only in B');
    const plain = outcome.summary.differences.find((d) => d.kind === 'GET kubeclusters/{id}: plain | body extra: only in B');
    expect(plain?.count).toBeGreaterThan(1);
    expect(plain?.example.curlA).toMatch(/^curl -sS 'http:\/\/a\.local\/api\/v1\/kubeclusters\/[0-9a-f]{24}' -H 'Authorization: Bearer \*\*\*'$/);
    expect(plain?.example.curlB).toContain('http://b.local/api/v1/kubeclusters/');
    expect(outcome.summary.differenceCount).toBeGreaterThan(outcome.summary.differences.length);
  });

  it('COMPARE-3 servers that do not start with the same data: the run refuses, naming what differs', async () => {
    const a = inProcessMock();
    await a('http://a.local/api/v1/kubeclusters', { method: 'POST', headers: { Authorization: 'Bearer tok1', 'Content-Type': 'application/json' }, body: '{"name": "already-here"}' });
    const outcome = await runCompare({ ...base, requests: 10, a: { baseUrl: 'http://a.local', fetch: a }, b: { baseUrl: 'http://b.local', fetch: inProcessMock() } });
    expect(outcome).toEqual({ ran: false, reason: expect.stringContaining('kubeclusters: A has 1, B has 0 (only on A: already-here') });
  });

  it('COMPARE-4 a token one server refuses: the run refuses, naming the server and the flag', async () => {
    const outcome = await runCompare({ ...base, token2: 'unknown', a: { baseUrl: 'http://a.local', fetch: inProcessMock() }, b: { baseUrl: 'http://b.local', fetch: inProcessMock() } });
    expect(outcome).toEqual({ ran: false, reason: 'A (http://a.local): refused --token2 (401)' });
  });
});
