import { describe, expect, it } from 'vitest';
import { testApi } from '../test-support/api.js';

const clusters = '/api/v1/kubeclusters';

describe('validation of a new cluster (422)', () => {
  it.each([
    ['a missing name', {}, { name: 'required field' }],
    ['a name of the wrong type', { name: 5 }, { name: 'must be of string type' }],
    ['an empty name', { name: '' }, { name: 'empty values not allowed' }],
    ['a null description', { name: 'a', description: null }, { description: 'null value not allowed' }],
    ['tags that are not key/value strings', { name: 'a', tags: { a: 1 } }, { tags: { a: 'must be of string type' } }],
    ['tags that are a list', { name: 'a', tags: ['x'] }, { tags: 'must be of dict type' }],
    ['an unknown field', { name: 'a', colour: 'blue' }, { colour: 'unknown field' }],
    ['a bad backup_provider.type', { name: 'a', backup_provider: { type: 'gcp', region: 'x' } }, { backup_provider: { type: 'unallowed value gcp' } }],
    ['type without region', { name: 'a', backup_provider: { type: 'aws' } }, { backup_provider: { type: "field 'region' is required" } }],
    ['region without type', { name: 'a', backup_provider: { region: 'us-east-1' } }, { backup_provider: { region: "field 'type' is required" } }],
    ['a region of another cloud', { name: 'a', backup_provider: { type: 'azure', region: 'us-east-1' } }, { backup_provider: { region: 'unallowed value us-east-1: not a region of azure' } }],
    ['an unknown field in backup_provider', { name: 'a', backup_provider: { bucket: 'x' } }, { backup_provider: { bucket: 'unknown field' } }],
    ['a user_objectstore that is not an id', { name: 'a', backup_provider: { user_objectstore: 'x' } }, { backup_provider: { user_objectstore: 'must be of objectid type' } }],
    ['a user_objectstore that is not a string', { name: 'a', backup_provider: { user_objectstore: 5 } }, { backup_provider: { user_objectstore: 'must be of objectid type' } }],
    ['status set by the client', { name: 'a', status: { state: 'ACTIVE' } }, { status: 'field is read-only' }],
    ['a malformed _id', { name: 'a', _id: 'xyz' }, { _id: 'must be of objectid type' }],
    ['a meta field', { name: 'a', _etag: 'abc' }, { _etag: 'unknown field' }],
  ])('refuses %s, naming the field', async (_label, body, issues) => {
    const api = testApi();
    const res = await api.call('POST', clusters, { body });
    expect(res.status).toBe(422);
    expect(res.body).toEqual({
      _status: 'ERR',
      _issues: issues,
      _error: { code: 422, message: 'Insertion failure: 1 document(s) contain(s) error(s)' },
    });
    expect((await api.call('GET', clusters)).body._meta.total).toBe(0);
  });

  it('names every bad field at once', async () => {
    const api = testApi();
    const res = await api.call('POST', clusters, { body: { description: 3, tags: 'x', extra: true } });
    expect(res.body._issues).toEqual({
      name: 'required field',
      description: 'must be of string type',
      tags: 'must be of dict type',
      extra: 'unknown field',
    });
  });

  it('accepts a real region of the named cloud', async () => {
    const api = testApi();
    for (const [type, region] of [['aws', 'eu-west-1'], ['azure', 'westeurope']]) {
      const res = await api.call('POST', clusters, { body: { name: `c-${type}`, backup_provider: { type, region } } });
      expect(res.status, `${type} ${region}`).toBe(201);
    }
  });

  it('refuses a second cluster with the same name in the same tenant, but not in another', async () => {
    const api = testApi();
    await api.createCluster({ name: 'dup' });
    const res = await api.call('POST', clusters, { body: { name: 'dup' } });
    expect(res.status).toBe(422);
    expect(res.body._issues).toEqual({ name: "value 'dup' is not unique" });
    expect((await api.call('POST', clusters, { token: 't2', body: { name: 'dup' } })).status).toBe(201);
  });

  it('refuses a user_objectstore that does not exist in the caller\'s tenant', async () => {
    const api = testApi();
    const store = await api.call('POST', '/api/v1/objectstores', { token: 't2', body: { name: 'bucket', provider_type: 's3' } });
    const res = await api.call('POST', clusters, { body: { name: 'a', backup_provider: { user_objectstore: store.body._id } } });
    expect(res.status).toBe(422);
    expect(res.body._issues).toEqual({
      backup_provider: { user_objectstore: `value '${store.body._id}' must exist in resource 'objectstores', field '_id'.` },
    });
  });

  it('accepts a user_objectstore of the caller\'s own', async () => {
    const api = testApi();
    const store = await api.call('POST', '/api/v1/objectstores', { body: { name: 'bucket', provider_type: 's3', private: true, s3provider: { credentials: {} } } });
    expect(store.status).toBe(201);
    const res = await api.call('POST', clusters, { body: { name: 'a', backup_provider: { user_objectstore: store.body._id } } });
    expect(res.status).toBe(201);
  });
});

describe('request bodies', () => {
  it('answers 400 to malformed JSON, saying so', async () => {
    const api = testApi();
    const res = await api.call('POST', clusters, { rawBody: '{"name": ' });
    expect(res.status).toBe(400);
    expect(res.body._error.message).toMatch(/^Invalid JSON body/);
  });

  it("answers a JSON value that is not an object with Cerberus' 422, as Eve relays it; null and [] on POST with 400", async () => {
    const api = testApi();
    const insertion = { code: 422, message: 'Insertion failure: 1 document(s) contain(s) error(s)' };
    const post = async (raw: string) => (await api.call('POST', clusters, { rawBody: raw })).body;
    expect(await post('"x"')).toEqual({ _status: 'ERR', _issues: { 'validation exception': "'x' is not a document, must be a dict" }, _error: insertion });
    expect(await post('[1]')).toEqual({ _status: 'ERR', _issues: { 'validation exception': "'1' is not a document, must be a dict" }, _error: insertion });
    expect(await post('[null]')).toEqual({ _status: 'ERR', _issues: { 'validation exception': 'document is missing' }, _error: insertion });
    for (const raw of ['null', '[]']) expect((await api.call('POST', clusters, { rawBody: raw })).status, raw).toBe(400);
    const created = await api.createCluster();
    const patched = (raw: string) => api.call('PATCH', `${clusters}/${created._id}`, { rawBody: raw, headers: { 'If-Match': created._etag } });
    const cases: Array<[string, string]> = [
      ['null', 'document is missing'],
      ['true', "'True' is not a document, must be a dict"],
      ['["x"]', "'['x']' is not a document, must be a dict"],
      ['[{"a":1}]', "'[{'a': 1}]' is not a document, must be a dict"],
    ];
    for (const [raw, message] of cases) {
      const res = await patched(raw);
      expect(res.status, raw).toBe(422);
      expect(res.body, raw).toEqual({ _status: 'ERR', _issues: { 'validator exception': message } });
    }
    expect((await api.call('GET', `${clusters}/${created._id}`)).body._etag).toBe(created._etag);
  });

  it('answers 400 "Unknown or no Content-Type header supplied" without a JSON or form content type, as Eve does', async () => {
    const api = testApi();
    const bare = await api.mock.app.request(clusters, { method: 'POST', headers: { Authorization: 'Bearer t1' }, body: new Blob(['{"name":"a"}']) });
    expect(bare.status).toBe(400);
    expect(((await bare.json()) as { _error: { message: string } })._error.message).toMatch(/^Unknown or no Content-Type header supplied/);
    for (const type of ['text/plain', 'application/merge-patch+json']) {
      const res = await api.call('POST', clusters, { rawBody: '{"name":"a"}', headers: { 'Content-Type': type } });
      expect(res.status, type).toBe(400);
      expect(res.body._error.message, type).toMatch(/^Unknown or no Content-Type header supplied/);
    }
    const multipart = await api.call('POST', clusters, { rawBody: '--x--', headers: { 'Content-Type': 'multipart/form-data; boundary=x' } });
    expect(multipart.status).toBe(415);
    expect((await api.call('GET', clusters)).body._meta.total).toBe(0);
  });

  it('takes a form-urlencoded body as Eve does: each field a string, the first of repeated keys', async () => {
    const api = testApi();
    const form = await api.call('POST', clusters, { rawBody: 'name=formed&description=from+a+form&name=second', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(201);
    expect(form.body).toMatchObject({ name: 'formed', description: 'from a form' });
    const empty = await api.call('POST', clusters, { rawBody: '', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(empty.status).toBe(400);
    expect(empty.body._error.message).toBe('No form-urlencoded data supplied');
  });

  it('takes a well-formed client _id on POST as Eve does, and answers 409 when it is taken', async () => {
    const api = testApi();
    const id = '5eb599e603f7a77d5223efee';
    const created = await api.call('POST', clusters, { body: { name: 'a', _id: id } });
    expect(created.status).toBe(201);
    expect(created.body._id).toBe(id);
    const again = await api.call('POST', clusters, { body: { name: 'b', _id: id } });
    expect(again.status).toBe(409);
    expect(again.body._error.message).toMatch(/^A conflict happened/);
    expect((await api.call('GET', clusters)).body._meta.total).toBe(1);
  });

  it('answers 413 to a body over the limit and stores nothing', async () => {
    const api = testApi({ limits: { maxBodyBytes: 1024 } });
    const res = await api.call('POST', clusters, { body: { name: 'a', description: 'x'.repeat(2000) } });
    expect(res.status).toBe(413);
    expect(res.body._error.message).toMatch(/limit is 1024 bytes/);
    expect((await api.call('GET', clusters)).body._meta.total).toBe(0);
  });

  it('keeps __proto__ in a body an ordinary (unknown) field and never touches Object.prototype', async () => {
    const api = testApi();
    const res = await api.call('POST', clusters, { rawBody: '{"name":"a","__proto__":{"polluted":true}}' });
    expect(res.status).toBe(422);
    expect(res.body._issues).toEqual(JSON.parse('{"__proto__": "unknown field"}'));
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
