import { describe, expect, it } from 'vitest';
import { testApi } from '../test-support/api.js';
import type { Json, TestApi } from '../test-support/api.js';

function item(id: string) {
  return `/api/v1/kubeclusters/${id}`;
}

async function write(api: TestApi, method: 'PATCH' | 'PUT', doc: Json, body: unknown) {
  return api.call(method, item(doc._id), { body, headers: { 'If-Match': doc._etag } });
}

describe('PATCH', () => {
  it('changes only the fields sent and answers the full resource (the seed example)', async () => {
    const api = testApi();
    const created = await api.createCluster({ name: 'testcluster', description: 'Created for testing purposes', tags: { testkey: 'testval' } });
    const res = await write(api, 'PATCH', created, { name: 'newname', description: 'New description' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ _status: 'OK', _id: created._id, name: 'newname', description: 'New description', tags: { testkey: 'testval' }, status: created.status });
  });

  it('merges nested objects: a patched backup_provider keeps the stored user_objectstore', async () => {
    const api = testApi();
    const store = await api.call('POST', '/api/v1/objectstores', { body: { name: 'bucket', provider_type: 's3', private: true, s3provider: { credentials: {} } } });
    const created = await api.createCluster({ backup_provider: { type: 'aws', region: 'us-east-1', user_objectstore: store.body._id } });
    const res = await write(api, 'PATCH', created, { backup_provider: { type: 'aws', region: 'eu-west-1' } });
    expect(res.status).toBe(200);
    expect(res.body.backup_provider).toEqual({ type: 'aws', region: 'eu-west-1', user_objectstore: store.body._id });
    expect((await api.call('GET', item(created._id))).body.backup_provider).toEqual(res.body.backup_provider);
  });

  it('validates the patch as sent, as Eve does: a nested region without its type is 422 and nothing changes', async () => {
    const api = testApi();
    const created = await api.createCluster({ backup_provider: { type: 'aws', region: 'us-east-1' } });
    const res = await write(api, 'PATCH', created, { backup_provider: { region: 'eu-west-1' } });
    expect(res.status).toBe(422);
    expect(res.body).toEqual({ _status: 'ERR', _issues: { backup_provider: { region: "field 'type' is required" } } });
    expect((await api.call('GET', item(created._id))).body._etag).toBe(created._etag);
  });

  it('refuses a region of another cloud than the patch names: 422 without _error, and nothing changes', async () => {
    const api = testApi();
    const created = await api.createCluster({ backup_provider: { type: 'aws', region: 'us-east-1' } });
    const res = await write(api, 'PATCH', created, { backup_provider: { type: 'aws', region: 'westeurope' } });
    expect(res.status).toBe(422);
    expect(res.body).toEqual({ _status: 'ERR', _issues: { backup_provider: { region: 'unallowed value westeurope: not a region of aws' } } });
    expect((await api.call('GET', item(created._id))).body._etag).toBe(created._etag);
  });

  it('keeps a stored value the patch does not name: no schema default is applied to a patch', async () => {
    const api = testApi();
    const created = await api.createCluster({ kublet_pods_dir: '/data/kubelet/pods' });
    const res = await write(api, 'PATCH', created, { description: 'only this' });
    expect(res.body.kublet_pods_dir).toBe('/data/kubelet/pods');
  });

  it('accepts _id and status sent back unchanged; a changed status is read-only and other meta fields unknown', async () => {
    const api = testApi();
    const created = await api.createCluster();
    const same = await write(api, 'PATCH', created, { _id: created._id, status: created.status, description: 'ok' });
    expect(same.status).toBe(200);
    expect(same.headers.get('etag')).toBe(`"${same.body._etag}"`);
    expect(same.headers.get('last-modified')).toBeNull();
    const changed = await write(api, 'PATCH', same.body, { status: { state: 'ACTIVE' }, _created: 'Fri, 08 May 2020 17:41:58 GMT', _etag: 'x' });
    expect(changed.status).toBe(422);
    expect(changed.body).toEqual({
      _status: 'ERR',
      _issues: { status: 'field is read-only', _created: 'unknown field', _etag: 'unknown field' },
    });
  });

  it('refuses to rename a cluster to a name another of the tenant\'s clusters has', async () => {
    const api = testApi();
    await api.createCluster({ name: 'taken' });
    const created = await api.createCluster({ name: 'mine' });
    const res = await write(api, 'PATCH', created, { name: 'taken' });
    expect(res.status).toBe(422);
    expect(res.body._issues).toEqual({ name: "value 'taken' is not unique" });
    const self = await write(api, 'PATCH', created, { name: 'mine' });
    expect(self.status).toBe(200);
  });
});

describe('PUT', () => {
  it('replaces the whole document, keeping _id, _created and the server-owned status', async () => {
    const api = testApi();
    const created = await api.createCluster({ name: 'a', description: 'gone after PUT', tags: { k: 'v' } });
    api.clock.advance(5000);
    const res = await write(api, 'PUT', created, { name: 'b' });
    expect(res.status).toBe(200);
    expect(res.body).not.toHaveProperty('description');
    expect(res.body).not.toHaveProperty('tags');
    expect(res.body).toMatchObject({ _id: created._id, _created: created._created, name: 'b', kublet_pods_dir: '/var/lib/kubelet/pods', status: created.status });
    expect(res.body._updated).not.toBe(created._updated);
    expect(res.body._etag).not.toBe(created._etag);
    expect(res.headers.get('etag')).toBe(`"${res.body._etag}"`);
    expect(res.headers.get('last-modified')).toBe(res.body._updated);
  });

  it('follows the overview recipe: GET, drop the meta fields, change, PUT', async () => {
    const api = testApi();
    const created = await api.createCluster({ name: 'a' });
    const { _created, _updated, _links, _etag, ...rest } = (await api.call('GET', item(created._id))).body;
    const res = await api.call('PUT', item(created._id), { body: { ...rest, description: 'changed' }, headers: { 'If-Match': _etag } });
    expect(res.status).toBe(200);
    expect(res.body.description).toBe('changed');
  });

  it('needs the entire body: a PUT without name is 422 and nothing changes', async () => {
    const api = testApi();
    const created = await api.createCluster();
    const res = await write(api, 'PUT', created, { description: 'no name' });
    expect(res.status).toBe(422);
    expect(res.body._issues).toEqual({ name: 'required field' });
    expect((await api.call('GET', item(created._id))).body._etag).toBe(created._etag);
  });

  it('answers 404 for an unknown id, or creates it with the upsertOnPut option', async () => {
    const strict = testApi();
    const missing = await strict.call('PUT', item('5eb599e603f7a77d5223efee'), { body: { name: 'a' }, headers: { 'If-Match': 'x' } });
    expect(missing.status).toBe(404);

    const upsert = testApi({ profile: { upsertOnPut: true } });
    const created = await upsert.call('PUT', item('5eb599e603f7a77d5223efee'), { body: { name: 'a' } });
    expect(created.status).toBe(201);
    expect(created.body._id).toBe('5eb599e603f7a77d5223efee');
    expect(created.body.status.state).toBe('REGISTERED');
  });
});
