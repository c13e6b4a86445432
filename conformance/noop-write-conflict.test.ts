// The suite must never rely on a write that Eve 2.3 refuses as a same-second no-op (a PUT repeating
// the previous PUT's document): run whole against a mock that refuses them (noopWriteConflict), it
// still passes every check.
import { describe, expect, it } from 'vitest';
import { createMock } from '../mock/app.js';
import { runChecks } from './run.js';
import { configFromEnv, IN_PROCESS_TOKENS, openTarget } from './target.js';

const BASE = 'http://mock.local';

async function putTwice(request: (path: string, init: RequestInit) => Promise<Response>): Promise<number[]> {
  const headers = { Authorization: `Bearer ${IN_PROCESS_TOKENS[0]}`, 'Content-Type': 'application/json' };
  const body = JSON.stringify({ name: 'noop-probe', description: 'replaced' });
  const created = (await (await request('/api/v1/kubeclusters', { method: 'POST', headers, body: '{"name": "noop-probe"}' })).json()) as { _id: string; _etag: string };
  const put = (etag: string) => request(`/api/v1/kubeclusters/${created._id}`, { method: 'PUT', headers: { ...headers, 'If-Match': etag }, body });
  const first = await put(created._etag);
  const { _etag } = (await first.clone().json()) as { _etag: string };
  return [first.status, (await put(_etag)).status];
}

describe('the suite against a mock with Eve 2.3 same-second no-op PUT conflicts', () => {
  it('passes every check, skipping none, while that mock does refuse a repeated PUT', { timeout: 120_000 }, async () => {
    const mock = createMock({ tokens: [...IN_PROCESS_TOKENS], activationDelayMs: 1000, profile: { base: 'strict', noopWriteConflict: true } });
    const fetchApp = async (input: string | URL | Request, init?: RequestInit) => mock.app.request(input, init);
    const target = openTarget({ ...configFromEnv({}), runId: 'noop-conflict' }, { fetch: fetchApp });
    const results = await runChecks(target);
    expect(results.length).toBeGreaterThan(50);
    expect(results.filter((r) => r.outcome !== 'passed').map((r) => `${r.outcome} ${r.message}`)).toEqual([]);
    expect(await putTwice((path, init) => fetchApp(`${BASE}${path}`, init)), 'the option is on in this mock').toEqual([200, 412]);
  });
});
