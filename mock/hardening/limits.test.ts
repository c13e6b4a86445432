// Every documented limit answers a clear 4xx (or, for max_results, Eve's cut) and stores nothing.
import { describe, expect, it } from 'vitest';
import { testApi } from '../test-support/api.js';

const clusters = '/api/v1/kubeclusters';
const limits = { maxBodyBytes: 2048, maxItemsPerTenant: 3, maxWhereLength: 200, maxWhereDepth: 3, maxRegexLength: 10 };

describe('limits', () => {
  it('answers 413 above the body size limit', async () => {
    const api = testApi({ limits });
    const res = await api.call('POST', clusters, { body: { name: 'big', description: 'x'.repeat(3000) } });
    expect(res.status).toBe(413);
    expect(res.body._error.message).toContain('2048 bytes');
    expect((await api.call('GET', clusters)).body._meta.total).toBe(0);
  });

  it('answers 413 to a streamed body with no Content-Length once it passes the limit', async () => {
    const api = testApi({ limits });
    const chunk = new TextEncoder().encode(`{"name":"big","description":"${'x'.repeat(1500)}`);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(chunk);
        controller.enqueue(chunk);
        controller.close();
      },
    });
    const init = { method: 'POST', headers: { Authorization: 'Bearer t1', 'Content-Type': 'application/json' }, body, duplex: 'half' };
    const res = await api.mock.app.request(clusters, init as RequestInit);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { _error: { message: string } })._error.message).toContain('2048 bytes');
    expect((await api.call('GET', clusters)).body._meta.total).toBe(0);
  });

  it('authenticates before it reads the body, as on a port: a large body without a token is 401', async () => {
    const api = testApi({ limits });
    const res = await api.call('POST', clusters, { token: null, body: { name: 'big', description: 'x'.repeat(3000) } });
    expect(res.status).toBe(401);
  });

  it('answers 409 when a tenant holds the most clusters allowed, in bulk too, and other tenants are not affected', async () => {
    const api = testApi({ limits });
    for (const name of ['a', 'b', 'c']) await api.createCluster({ name });
    const one = await api.call('POST', clusters, { body: { name: 'd' } });
    expect(one.status).toBe(409);
    expect(one.body._error.message).toBe('Limit reached: a tenant may hold at most 3 kubeclusters');
    const other = testApi({ limits });
    const bulk = await other.call('POST', clusters, { body: [{ name: 'a' }, { name: 'b' }, { name: 'c' }, { name: 'd' }] });
    expect(bulk.status).toBe(409);
    expect((await other.call('GET', clusters)).body._meta.total).toBe(0);
    expect((await api.call('POST', clusters, { token: 't2', body: { name: 'd' } })).status).toBe(201);
  });

  it.each([
    ['a where longer than its limit', `{"name":"${'x'.repeat(250)}"}`, 'longer than 200 characters'],
    ['a where nested deeper than its limit', '{"$and":[{"$and":[{"$and":[{"name":"x"}]}]}]}', 'deeper than 3 levels'],
    ['a $regex longer than its limit', '{"name":{"$regex":"abcdefghijk"}}', 'longer than 10 characters'],
  ])('answers 400 to %s, naming where', async (_what, where, message) => {
    const api = testApi({ limits });
    const res = await api.call('GET', `${clusters}?where=${encodeURIComponent(where)}`);
    expect(res.status).toBe(400);
    expect(res.body._error.message).toContain('Invalid where');
    expect(res.body._error.message).toContain(message);
  });

  it('cuts max_results to 50, as Eve does', async () => {
    const api = testApi();
    expect((await api.call('GET', `${clusters}?max_results=100000`)).body._meta.max_results).toBe(50);
  });
});
