import { describe, expect, it } from 'vitest';
import { testApi } from '../test-support/api.js';
import type { TestApi } from '../test-support/api.js';

async function createBackup(api: TestApi, clusterId: string, name = 'nightly') {
  const res = await api.call('POST', '/api/v1/kubebackups', {
    body: { name, cluster: clusterId, source: { all_namespaces: true, snapshotPersistentVolumes: true }, status: {}, trigger_type: 'SCHEDULED' },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

describe('the delete guard', () => {
  it('refuses to delete a cluster a backup definition refers to (409, naming it) and keeps the cluster', async () => {
    const api = testApi();
    const cluster = await api.createCluster({ name: 'prod' });
    const backup = await createBackup(api, cluster._id);
    const res = await api.call('DELETE', `/api/v1/kubeclusters/${cluster._id}`, { headers: { 'If-Match': cluster._etag } });
    expect(res.status).toBe(409);
    expect(res.body).toEqual({
      _status: 'ERR',
      _error: { code: 409, message: `Kubecluster ${cluster._id} is used by backup definition nightly (${backup._id}); delete that first` },
    });
    const after = await api.call('GET', `/api/v1/kubeclusters/${cluster._id}`);
    expect(after.body._etag).toBe(cluster._etag);
  });

  it('lets the cluster go once its backup definition is deleted', async () => {
    const api = testApi();
    const cluster = await api.createCluster();
    const backup = await createBackup(api, cluster._id);
    expect((await api.call('DELETE', `/api/v1/kubebackups/${backup._id}`, { headers: { 'If-Match': backup._etag } })).status).toBe(204);
    expect((await api.call('DELETE', `/api/v1/kubeclusters/${cluster._id}`, { headers: { 'If-Match': cluster._etag } })).status).toBe(204);
  });

  it('deletes an object store a cluster names, as Eve does (references are checked on write, not on delete)', async () => {
    const api = testApi();
    const store = await api.call('POST', '/api/v1/objectstores', { body: { name: 'bucket', provider_type: 's3', private: false, s3provider: { credentials: {} } } });
    const cluster = await api.createCluster({ name: 'uses-it', backup_provider: { user_objectstore: store.body._id } });
    const res = await api.call('DELETE', `/api/v1/objectstores/${store.body._id}`, { headers: { 'If-Match': store.body._etag } });
    expect(res.status).toBe(204);
    expect((await api.call('GET', `/api/v1/kubeclusters/${cluster._id}`)).body.backup_provider).toEqual({ user_objectstore: store.body._id });
  });

  it("links a backup definition's cluster under _links.related, as Eve does for data relations", async () => {
    const api = testApi();
    const cluster = await api.createCluster();
    const backup = await createBackup(api, cluster._id);
    const related = { cluster: { title: 'Kubecluster', href: `kubeclusters/${cluster._id}` } };
    expect(backup._links.related).toEqual(related);
    expect((await api.call('GET', `/api/v1/kubebackups/${backup._id}`)).body._links.related).toEqual(related);
    expect((await api.call('GET', '/api/v1/kubebackups')).body._items[0]._links.related).toEqual(related);
    expect(cluster._links).not.toHaveProperty('related');
  });
});

describe('a where on a reference', () => {
  it('lists a document re-pointed to another cluster in natural (insertion) order, as Mongo does', async () => {
    const api = testApi();
    const [first, second] = [await api.createCluster({ name: 'first' }), await api.createCluster({ name: 'second' })];
    const early = await createBackup(api, first._id, 'early');
    await createBackup(api, second._id, 'middle');
    const where = (id: string) => `/api/v1/kubebackups?where=${encodeURIComponent(JSON.stringify({ cluster: id }))}`;
    // The first query builds the index; the patch then moves `early` to the second cluster.
    expect((await api.call('GET', where(second._id))).body._items.map((item: { name: string }) => item.name)).toEqual(['middle']);
    const patched = await api.call('PATCH', `/api/v1/kubebackups/${early._id}`, { body: { cluster: second._id }, headers: { 'If-Match': early._etag } });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    await createBackup(api, second._id, 'late');
    expect((await api.call('GET', where(second._id))).body._items.map((item: { name: string }) => item.name)).toEqual(['early', 'middle', 'late']);
  });
});

describe('kubebackups and objectstores', () => {
  it('accept what the Terraform provider sends, including an empty status object', async () => {
    const api = testApi();
    const cluster = await api.createCluster();
    const backup = await createBackup(api, cluster._id);
    expect(backup).toMatchObject({ _status: 'OK', status: {}, source: { all_namespaces: true } });
    expect(backup._links.self).toEqual({ title: 'Kubebackup', href: `kubebackups/${backup._id}` });
  });

  it('refuse a backup definition for a cluster that does not exist', async () => {
    const api = testApi();
    const res = await api.call('POST', '/api/v1/kubebackups', { body: { name: 'b', cluster: '5eb599e603f7a77d5223efee' } });
    expect(res.status).toBe(422);
    expect(res.body._issues).toEqual({ cluster: "value '5eb599e603f7a77d5223efee' must exist in resource 'kubeclusters', field '_id'." });
  });

  it('share the etag rules: a stale If-Match on an object store is 412', async () => {
    const api = testApi();
    const store = await api.call('POST', '/api/v1/objectstores', { body: { name: 'bucket' } });
    const res = await api.call('PATCH', `/api/v1/objectstores/${store.body._id}`, { body: { region: 'x' }, headers: { 'If-Match': 'stale' } });
    expect(res.status).toBe(412);
  });

  it('list with the same envelope as clusters', async () => {
    const api = testApi();
    await api.call('POST', '/api/v1/objectstores', { body: { name: 'bucket' } });
    const res = await api.call('GET', '/api/v1/objectstores');
    expect(res.body._meta).toEqual({ page: 1, max_results: 25, total: 1 });
    expect(res.body._items[0].name).toBe('bucket');
  });
});
