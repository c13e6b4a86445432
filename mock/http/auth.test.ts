import { describe, expect, it } from 'vitest';
import { testApi } from '../test-support/api.js';

describe('bearer authentication', () => {
  it.each([
    ['no Authorization header', undefined],
    ['an empty bearer token', 'Bearer '],
    ['another scheme', 'Basic dXNlcjpwYXNz'],
    ['a token with spaces in it', 'Bearer a b'],
  ])('answers 401 with the Eve body and a Bearer challenge to %s', async (_label, authorization) => {
    const api = testApi();
    const headers: Record<string, string> = authorization === undefined ? {} : { Authorization: authorization };
    const res = await api.call('GET', '/api/v1/kubeclusters', { token: null, headers });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="kubeclusters"');
    expect(res.body).toEqual({ _status: 'ERR', _error: { code: 401, message: 'Please provide proper credentials' } });
  });

  it('accepts only the configured tokens when given a list', async () => {
    const api = testApi({ tokens: ['good'] });
    expect((await api.call('GET', '/api/v1/kubeclusters', { token: 'good' })).status).toBe(200);
    expect((await api.call('GET', '/api/v1/kubeclusters', { token: 'bad' })).status).toBe(401);
  });

  it('takes any well-formed token without a list, but never a malformed one', async () => {
    const api = testApi();
    expect((await api.call('GET', '/api/v1/kubeclusters', { token: 'any-Token_1.2~3+/=' })).status).toBe(200);
    for (const token of ['not<a>token', 'semi;colon', '=leading']) {
      expect((await api.call('GET', '/api/v1/kubeclusters', { token })).status, token).toBe(401);
    }
  });

  it('refuses a write without a token and stores nothing', async () => {
    const api = testApi();
    const res = await api.call('POST', '/api/v1/kubeclusters', { token: null, body: { name: 'a' } });
    expect(res.status).toBe(401);
    expect((await api.call('GET', '/api/v1/kubeclusters')).body._meta.total).toBe(0);
  });

  it('serves the agent manifest and /api-docs without a token', async () => {
    const api = testApi();
    const created = await api.createCluster();
    const manifest = await api.call('GET', new URL(created.status.agentURL).pathname, { token: null });
    expect(manifest.status).toBe(200);
    expect((await api.call('GET', '/api-docs', { token: null })).status).toBe(200);
  });
});

describe('tenants', () => {
  it('shows each token only its own clusters', async () => {
    const api = testApi();
    const mine = await api.createCluster({ name: 'mine' }, 't1');
    await api.createCluster({ name: 'theirs' }, 't2');
    const list = await api.call('GET', '/api/v1/kubeclusters', { token: 't1' });
    expect(list.body._items.map((c: { name: string }) => c.name)).toEqual(['mine']);
    expect(list.body._meta.total).toBe(1);
    const other = await api.call('GET', `/api/v1/kubeclusters/${mine._id}`, { token: 't2' });
    expect(other.status).toBe(404);
  });

  it("answers another tenant's PATCH 404, PUT 403 (after 428/412) and DELETE 204, as Eve does, and changes nothing", async () => {
    const api = testApi();
    const mine = await api.createCluster({ name: 'mine' }, 't1');
    const item = `/api/v1/kubeclusters/${mine._id}`;
    const attempt = (method: string, ifMatch?: string) =>
      api.call(method, item, { token: 't2', headers: ifMatch === undefined ? {} : { 'If-Match': ifMatch }, body: method === 'DELETE' ? undefined : { name: 'stolen' } });
    expect((await attempt('PATCH', mine._etag)).status).toBe(404);
    expect((await attempt('PUT')).status).toBe(428);
    expect((await attempt('PUT', 'stale')).status).toBe(412);
    const forbidden = await attempt('PUT', mine._etag);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body._error.code).toBe(403);
    expect((await attempt('DELETE', mine._etag)).status).toBe(204);
    expect((await attempt('DELETE')).status).toBe(204);
    const after = await api.call('GET', item);
    expect(after.body).toMatchObject({ name: 'mine', _etag: mine._etag });
  });
});
