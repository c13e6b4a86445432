// No request may change Object.prototype, another tenant's data, or a field the server owns.
import { afterEach, describe, expect, it } from 'vitest';
import { testApi } from '../test-support/api.js';
import type { Json, TestApi } from '../test-support/api.js';

const clusters = '/api/v1/kubeclusters';
const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

afterEach(() => {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
  expect(({} as Json)['polluted']).toBeUndefined();
});

async function cluster(api: TestApi, fields: Json = {}, token = 't1'): Promise<Json> {
  return api.createCluster(fields, token);
}

describe('prototype pollution', () => {
  it.each([
    ['a top-level __proto__', '{"name":"p1","__proto__":{"polluted":true}}'],
    ['constructor.prototype', '{"name":"p2","constructor":{"prototype":{"polluted":true}}}'],
    ['a nested __proto__', '{"name":"p3","backup_provider":{"__proto__":{"polluted":true}}}'],
    ['an array of them', '[{"name":"p4","__proto__":{"polluted":true}}]'],
  ])('refuses %s on POST as an unknown field', async (_what, rawBody) => {
    const api = testApi();
    const res = await api.call('POST', clusters, { rawBody });
    expect(res.status).toBe(422);
    expect(JSON.stringify(res.body._issues ?? res.body._items)).toMatch(/unknown field/);
  });

  it('stores a tag named __proto__ as plain data, through POST, PATCH merge and PUT', async () => {
    const api = testApi();
    const created = await cluster(api, JSON.parse('{"tags": {"__proto__": "a"}}') as Json);
    expect(Object.hasOwn(created.tags, '__proto__')).toBe(true);
    const patched = await api.call('PATCH', `${clusters}/${created._id}`, { rawBody: '{"tags":{"__proto__":"b","constructor":"c"}}', headers: { 'If-Match': created._etag } });
    expect(patched.status).toBe(200);
    expect(patched.text).toContain('"tags":{"__proto__":"b","constructor":"c"}');
    const put = await api.call('PUT', `${clusters}/${created._id}`, { rawBody: `{"name":"${created.name}","tags":{"__proto__":"d"}}`, headers: { 'If-Match': patched.body._etag } });
    expect(put.status).toBe(200);
    expect(put.text).toContain('"tags":{"__proto__":"d"}');
  });

  it('treats __proto__ in where, sort and projection as an ordinary (absent) field', async () => {
    const api = testApi();
    await cluster(api);
    for (const query of ['where={"__proto__":{"polluted":true}}', 'where={"__proto__.polluted":true}', 'where={"constructor.prototype.polluted":{"$exists":true}}', 'sort=__proto__', 'projection={"__proto__":1}']) {
      const res = await api.call('GET', `${clusters}?${query}`);
      expect(res.status, query).toBeLessThan(500);
      if (query.startsWith('where')) expect(res.body._meta.total, query).toBe(0);
    }
  });

  it('keeps fixtures and state imports from polluting', async () => {
    const api = testApi();
    const snapshot = JSON.parse('{"format":"kubeclusters-mock-state/1","tenants":{"__proto__":{"kubeclusters":[]}},"activations":[]}');
    await api.mock.app.request('/__mock/state', { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(snapshot) });
    await api.mock.app.request('/__mock/fixtures', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"fixtures":{"kubeclusters":[{"_id":"5eb599e603f7a77d5223efee","_created":"Fri, 08 May 2020 17:41:58 GMT","_updated":"Fri, 08 May 2020 17:41:58 GMT","name":"x","__proto__":{"polluted":true}}]}}' });
  });
});

describe('mass assignment', () => {
  it.each([
    ['_etag', '27114931c62a2ea2f7f2fd21c4c8f62ba7b55a0c', 'unknown field'],
    ['_created', 'Fri, 08 May 2020 17:41:58 GMT', 'unknown field'],
    ['_updated', 'Fri, 08 May 2020 17:41:58 GMT', 'unknown field'],
    ['_links', { self: { href: 'x' } }, 'unknown field'],
    ['status', { state: 'ACTIVE', agentURL: 'http://evil.example/x.yaml' }, 'field is read-only'],
  ])('refuses a new %s on POST, PATCH and PUT as Eve does, and changes nothing', async (field, value, message) => {
    const api = testApi();
    const created = await cluster(api);
    const post = await api.call('POST', clusters, { body: { name: 'other', [field]: value } });
    expect(post.status).toBe(422);
    expect(post.body._issues[field]).toBe(message);
    for (const method of ['PATCH', 'PUT']) {
      const res = await api.call(method, `${clusters}/${created._id}`, { body: { name: created.name, [field]: value }, headers: { 'If-Match': created._etag } });
      expect(res.status, `${method} ${field}`).toBe(422);
      expect(res.body._issues[field], `${method} ${field}`).toBe(message);
    }
    const after = await api.call('GET', `${clusters}/${created._id}`);
    expect(after.body._etag).toBe(created._etag);
    expect(after.body.status).toEqual(created.status);
    expect((await api.call('GET', clusters)).body._meta.total).toBe(1);
  });

  it('refuses a different _id on PATCH and PUT, and changes nothing', async () => {
    const api = testApi();
    const created = await cluster(api);
    for (const method of ['PATCH', 'PUT']) {
      const res = await api.call(method, `${clusters}/${created._id}`, { body: { name: created.name, _id: '5eb599e603f7a77d5223efee' }, headers: { 'If-Match': created._etag } });
      expect(res.status, method).toBe(422);
      expect(res.body._issues, method).toEqual({ _id: 'field is read-only' });
    }
    expect((await api.call('GET', `${clusters}/${created._id}`)).body._etag).toBe(created._etag);
  });

  it("cannot reach another tenant's cluster by id, by PUT upsert or by naming its _id", async () => {
    const api = testApi({ profile: { base: 'strict', upsertOnPut: true } });
    const theirs = await cluster(api, { name: 'theirs' }, 't2');
    const expected = { PATCH: 404, PUT: 403, DELETE: 204 } as const;
    for (const method of ['PATCH', 'PUT', 'DELETE'] as const) {
      const res = await api.call(method, `${clusters}/${theirs._id}`, { token: 't1', body: method === 'DELETE' ? undefined : { name: 'mine' }, headers: { 'If-Match': theirs._etag } });
      expect(res.status, method).toBe(expected[method]);
    }
    const adopt = await api.call('POST', clusters, { token: 't1', body: { name: 'mine', _id: theirs._id } });
    expect(adopt.status).toBe(409);
    const still = await api.call('GET', `${clusters}/${theirs._id}`, { token: 't2' });
    expect(still.body).toMatchObject({ name: 'theirs', _etag: theirs._etag });
    expect((await api.call('GET', clusters, { token: 't1' })).body._meta.total).toBe(0);
  });
});
