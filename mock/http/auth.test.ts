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

  it('answers 404 to another tenant\'s PATCH, PUT and DELETE, and changes nothing', async () => {
    const api = testApi();
    const mine = await api.createCluster({ name: 'mine' }, 't1');
    const headers = { 'If-Match': mine._etag };
    for (const method of ['PATCH', 'PUT', 'DELETE']) {
      const res = await api.call(method, `/api/v1/kubeclusters/${mine._id}`, { token: 't2', headers, body: method === 'DELETE' ? undefined : { name: 'stolen' } });
      expect(res.status, method).toBe(404);
    }
    expect((await api.call('GET', `/api/v1/kubeclusters/${mine._id}`)).body._etag).toBe(mine._etag);
  });
});
