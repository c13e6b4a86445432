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

  it('merges nested objects: patching backup_provider.region keeps backup_provider.type', async () => {
    const api = testApi();
    const created = await api.createCluster({ backup_provider: { type: 'aws', region: 'us-east-1' } });
    const res = await write(api, 'PATCH', created, { backup_provider: { region: 'eu-west-1' } });
    expect(res.status).toBe(200);
    expect(res.body.backup_provider).toEqual({ type: 'aws', region: 'eu-west-1' });
  });

  it('validates the resulting document: a region the stored cloud lacks is 422 and nothing changes', async () => {
    const api = testApi();
    const created = await api.createCluster({ backup_provider: { type: 'aws', region: 'us-east-1' } });
    const res = await write(api, 'PATCH', created, { backup_provider: { region: 'westeurope' } });
    expect(res.status).toBe(422);
    expect(res.body._issues).toEqual({ backup_provider: { region: 'unallowed value westeurope: not a region of aws' } });
    expect((await api.call('GET', item(created._id))).body._etag).toBe(created._etag);
  });

  it('accepts read-only fields sent back unchanged, and refuses changed ones naming them', async () => {
    const api = testApi();
    const created = await api.createCluster();
    const same = await write(api, 'PATCH', created, { _id: created._id, status: created.status, description: 'ok' });
    expect(same.status).toBe(200);
    const changed = await write(api, 'PATCH', same.body, { status: { state: 'ACTIVE' }, _created: 'Fri, 08 May 2020 17:41:58 GMT', _etag: 'x' });
    expect(changed.status).toBe(422);
    expect(changed.body).toEqual({
      _status: 'ERR',
      _issues: { status: 'field is read-only', _created: 'field is read-only', _etag: 'field is read-only' },
      _error: { code: 422, message: 'Validation failure: the document contains errors' },
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
