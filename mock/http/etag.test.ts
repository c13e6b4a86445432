import { describe, expect, it } from 'vitest';
import { testApi } from '../test-support/api.js';
import type { TestApi } from '../test-support/api.js';
import { normalizeEtag } from './etag.js';

async function snapshot(api: TestApi, id: string) {
  return (await api.call('GET', `/api/v1/kubeclusters/${id}`)).body;
}

describe('If-Match on writes', () => {
  it.each(['PATCH', 'PUT'])('%s without If-Match answers 428 and changes nothing', async (method) => {
    const api = testApi();
    const created = await api.createCluster({ name: 'one' });
    const before = await snapshot(api, created._id);
    const res = await api.call(method, `/api/v1/kubeclusters/${created._id}`, { body: { name: 'two' } });
    expect(res.status).toBe(428);
    expect(res.body).toEqual({
      _status: 'ERR',
      _error: { code: 428, message: 'To edit a document its etag must be provided using the If-Match header' },
    });
    expect(await snapshot(api, created._id)).toEqual(before);
  });

  it.each(['PATCH', 'PUT', 'DELETE'])('%s with a stale If-Match answers 412 and changes nothing', async (method) => {
    const api = testApi();
    const created = await api.createCluster({ name: 'one' });
    const before = await snapshot(api, created._id);
    const res = await api.call(method, `/api/v1/kubeclusters/${created._id}`, {
      body: method === 'DELETE' ? undefined : { name: 'two' },
      headers: { 'If-Match': 'f'.repeat(40) },
    });
    expect(res.status).toBe(412);
    expect(res.body._error).toEqual({ code: 412, message: "Client and server etags don't match" });
    expect(await snapshot(api, created._id)).toEqual(before);
  });

  it('checks If-Match before validation: a stale etag with a bad body is 412, not 422', async () => {
    const api = testApi();
    const created = await api.createCluster();
    const res = await api.call('PATCH', `/api/v1/kubeclusters/${created._id}`, { body: { name: 5 }, headers: { 'If-Match': 'x' } });
    expect(res.status).toBe(412);
  });

  it.each([
    ['bare', (e: string) => e],
    ['quoted', (e: string) => `"${e}"`],
    ['weak', (e: string) => `W/"${e}"`],
  ])('accepts the %s form of the current etag', async (_form, format) => {
    const api = testApi();
    const created = await api.createCluster();
    const res = await api.call('PATCH', `/api/v1/kubeclusters/${created._id}`, { body: { description: 'x' }, headers: { 'If-Match': format(created._etag) } });
    expect(res.status).toBe(200);
  });

  it('gives every successful write a new _etag and _updated, and the old etag then fails with 412', async () => {
    const api = testApi();
    const created = await api.createCluster();
    api.clock.advance(2000);
    const patched = await api.call('PATCH', `/api/v1/kubeclusters/${created._id}`, { body: { description: 'x' }, headers: { 'If-Match': created._etag } });
    expect(patched.body._etag).not.toBe(created._etag);
    expect(patched.body._updated).not.toBe(created._updated);
    expect(patched.body._created).toBe(created._created);
    expect(patched.headers.get('etag')).toBe(`"${patched.body._etag}"`);
    const again = await api.call('PATCH', `/api/v1/kubeclusters/${created._id}`, { body: { description: 'y' }, headers: { 'If-Match': created._etag } });
    expect(again.status).toBe(412);
  });

  it('changes the etag even for a write that stores the same content in the same second', async () => {
    const api = testApi();
    const created = await api.createCluster({ description: 'same' });
    const res = await api.call('PATCH', `/api/v1/kubeclusters/${created._id}`, { body: { description: 'same' }, headers: { 'If-Match': created._etag } });
    expect(res.status).toBe(200);
    expect(res.body._etag).not.toBe(created._etag);
  });
});

describe('conditional GET', () => {
  it('answers 304 with no body when If-None-Match is the current etag, in any of its forms', async () => {
    const api = testApi();
    const created = await api.createCluster();
    for (const value of [created._etag, `"${created._etag}"`, `W/"${created._etag}"`]) {
      const res = await api.call('GET', `/api/v1/kubeclusters/${created._id}`, { headers: { 'If-None-Match': value } });
      expect(res.status, value).toBe(304);
      expect(res.text).toBe('');
      expect(res.headers.get('etag')).toBe(`"${created._etag}"`);
      expect(res.headers.get('last-modified')).toBeNull();
    }
  });

  it('answers 200 when If-None-Match is another etag', async () => {
    const api = testApi();
    const created = await api.createCluster();
    const res = await api.call('GET', `/api/v1/kubeclusters/${created._id}`, { headers: { 'If-None-Match': '"abc"' } });
    expect(res.status).toBe(200);
    expect(res.body._id).toBe(created._id);
  });

  it("answers 304 to If-Modified-Since not older than _updated with Eve's one second of slack, 200 to an older date", async () => {
    const api = testApi();
    const created = await api.createCluster();
    const item = `/api/v1/kubeclusters/${created._id}`;
    const before = (seconds: number) => new Date(Date.parse(created._updated) - seconds * 1000).toUTCString();
    expect((await api.call('GET', item, { headers: { 'If-Modified-Since': created._updated } })).status).toBe(304);
    expect((await api.call('GET', item, { headers: { 'If-Modified-Since': before(1) } })).status).toBe(304);
    expect((await api.call('GET', item, { headers: { 'If-Modified-Since': before(2) } })).status).toBe(200);
    const same = await api.call('GET', item, { headers: { 'If-Modified-Since': created._updated } });
    expect(same.status).toBe(304);
    const older = await api.call('GET', `/api/v1/kubeclusters/${created._id}`, { headers: { 'If-Modified-Since': 'Fri, 08 May 2020 17:41:58 GMT' } });
    expect(older.status).toBe(200);
  });

  it('needs both conditions to hold when both are sent', async () => {
    const api = testApi();
    const created = await api.createCluster();
    const res = await api.call('GET', `/api/v1/kubeclusters/${created._id}`, {
      headers: { 'If-None-Match': created._etag, 'If-Modified-Since': 'Fri, 08 May 2020 17:41:58 GMT' },
    });
    expect(res.status).toBe(200);
  });
});

describe('normalizeEtag', () => {
  it('drops a leading W/ before a quoted value and every double quote, as Eve does', () => {
    expect(normalizeEtag('W/"abc"')).toBe('abc');
    expect(normalizeEtag(' "abc" ')).toBe('abc');
    expect(normalizeEtag('abc')).toBe('abc');
    expect(normalizeEtag('W/abc')).toBe('W/abc');
  });
});
