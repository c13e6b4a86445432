import { describe, expect, it } from 'vitest';
import { createMockApp } from '../app.js';
import { resourceNames } from '../store/document.js';
import { testApi } from '../test-support/api.js';

describe('the control API', () => {
  it('describes how the mock was started', async () => {
    const open = await testApi({ profile: 'lenient' }).control.config();
    expect(open).toMatchObject({ tokens: 'any', activationDelayMs: 'never', profile: { deleteRequiresIfMatch: false } });
    expect((await testApi({ tokens: ['a', 'b'] }).control.config()).tokens).toBe(2);
  });

  it('resets every tenant', async () => {
    const api = testApi();
    await api.createCluster({}, 't1');
    await api.createCluster({}, 't2');
    await api.control.reset();
    for (const token of ['t1', 't2']) expect((await api.call('GET', '/api/v1/kubeclusters', { token })).body._meta.total).toBe(0);
  });

  it('loads the seed fixtures into a tenant, with agent URLs for this server', async () => {
    const api = testApi();
    const { loaded, tenant } = await api.control.loadFixtures({ seed: true, tenant: 't1' });
    expect(tenant).toBe('t1');
    expect(loaded).toBeGreaterThanOrEqual(3);
    const seed = await api.call('GET', '/api/v1/kubeclusters/5eb599e603f7a77d5223efee');
    expect(seed.body).toMatchObject({ name: 'testcluster', _created: 'Fri, 08 May 2020 17:41:58 GMT', status: { state: 'REGISTERED' } });
    expect(seed.body.status.agentURL).toMatch(/^http:\/\/localhost\/kubeclusteragents\//);
  });

  it('loads N generated clusters and refuses a bad fixtures request with 400', async () => {
    const api = testApi();
    await api.control.loadFixtures({ generate: 40, tenant: 't1' });
    expect((await api.call('GET', '/api/v1/kubeclusters')).body._meta.total).toBe(40);
    await expect(api.control.loadFixtures({ generate: -1 })).rejects.toThrow(/400/);
  });

  it('refuses fixtures that break the schema (422 naming the document and field) and loads none of them', async () => {
    const api = testApi();
    const fixtures = { objectstores: [], kubebackups: [], kubeclusters: [{ _id: 'bad', _created: 'x', _updated: 'Fri, 08 May 2020 17:41:58 GMT', name: 3 }] };
    await expect(api.control.loadFixtures({ fixtures, tenant: 't1' })).rejects.toThrow(/422.*kubeclusters.*0.*_id/);
    expect((await api.call('GET', '/api/v1/kubeclusters')).body._meta.total).toBe(0);
  });

  it('exports, resets and imports the whole state losslessly', async () => {
    const api = testApi({ activationDelayMs: 5000 });
    await api.control.loadFixtures({ generate: 25, tenant: 't1' });
    const pending = await api.createCluster({ name: 'pending-one' }, 't2');
    await api.call('GET', new URL(pending.status.agentURL).pathname, { token: null });
    const exported = await api.control.exportState();
    await api.control.reset();
    await api.control.importState(exported);
    expect(await api.control.exportState()).toEqual(exported);
    api.clock.advance(5000);
    expect((await api.call('GET', `/api/v1/kubeclusters/${pending._id}`, { token: 't2' })).body.status.state).toBe('ACTIVE');
    const manifest = await api.call('GET', new URL(pending.status.agentURL).pathname, { token: null });
    expect(manifest.status).toBe(200);
  });

  it('refuses a malformed state with 400 and keeps the current one', async () => {
    const api = testApi();
    const created = await api.createCluster();
    await expect(api.control.importState({ format: 'nope' } as never)).rejects.toThrow(/400.*format/);
    expect((await api.call('GET', `/api/v1/kubeclusters/${created._id}`)).status).toBe(200);
  });

  it('moves the clock on and sets it', async () => {
    const api = testApi();
    const before = await api.control.clock();
    const after = await api.control.advanceClock(90_000);
    expect(after.now - before.now).toBe(90_000);
    const set = await api.control.setClock('2030-01-01T00:00:00Z');
    expect(set.iso).toBe('2030-01-01T00:00:00.000Z');
    await expect(api.control.advanceClock(-1)).rejects.toThrow(/400/);
  });

  it('journals the last requests with method, path, status and time', async () => {
    const api = testApi({ limits: { journalSize: 3 } });
    for (let i = 0; i < 5; i++) await api.call('GET', `/api/v1/kubeclusters?page=${i + 1}`);
    const journal = await api.control.journal();
    expect(journal.map((e) => e.path)).toEqual(['/api/v1/kubeclusters?page=3', '/api/v1/kubeclusters?page=4', '/api/v1/kubeclusters?page=5']);
    expect(journal[0]).toMatchObject({ method: 'GET', status: 200 });
    expect(Date.parse(journal[0]?.time ?? '')).not.toBeNaN();
  });

  it('injects a status for the next N requests of a route, then stops', async () => {
    const api = testApi();
    await api.control.addFault({ method: 'GET', path: '/api/v1/kubeclusters', status: 503, count: 2 });
    const first = await api.mock.app.request('/api/v1/kubeclusters', { headers: { Authorization: 'Bearer t1' } });
    expect(first.status).toBe(503);
    expect(await first.json()).toEqual({ _status: 'ERR', _error: { code: 503, message: 'Injected fault 1: answering 503' } });
    expect((await api.mock.app.request('/api/v1/kubeclusters', { headers: { Authorization: 'Bearer t1' } })).status).toBe(503);
    expect((await api.call('GET', '/api/v1/kubeclusters')).status).toBe(200);
  });

  it('injects latency', async () => {
    const api = testApi();
    await api.control.addFault({ path: '/api/v1/*', latencyMs: 60, count: 1 });
    const started = performance.now();
    await api.call('GET', '/api/v1/kubeclusters');
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
    await expect(api.control.addFault({ path: 'no-slash', status: 200 })).rejects.toThrow(/400.*path.*status/);
  });

  it('lists the tenants with their counts, and one tenant\'s newest documents first', async () => {
    const api = testApi();
    expect(await api.control.tenants()).toEqual([]);
    const older = await api.createCluster({ name: 'older' }, 't1');
    api.clock.advance(2000);
    const newer = await api.createCluster({ name: 'newer' }, 't1');
    await api.createCluster({ name: 'elsewhere' }, 't2');
    const none = Object.fromEntries(resourceNames.map((resource) => [resource, 0]));
    expect(await api.control.tenants()).toEqual([
      { tenant: 't1', counts: { ...none, kubeclusters: 2 } },
      { tenant: 't2', counts: { ...none, kubeclusters: 1 } },
    ]);
    const t1 = await api.control.tenant('t1');
    expect(t1.resources.kubeclusters.total).toBe(2);
    expect(t1.resources.kubeclusters.items.map((doc) => doc._id)).toEqual([newer._id, older._id]);
    expect(t1.resources.kubeclusters.items[0]).toMatchObject({ name: 'newer', _etag: newer._etag, _updated: newer._updated, status: { state: 'REGISTERED' } });
    const limited = await api.control.tenant('t1', 1);
    expect(limited.resources.kubeclusters).toMatchObject({ total: 2, items: [{ _id: newer._id }] });
    expect((await api.control.tenant('t1', 0)).resources.kubeclusters).toEqual({ total: 2, items: [] });
    // Dates are kept to the second: among documents updated in the same second, the later written comes first.
    const first = await api.createCluster({ name: 'same-second-1' }, 't3');
    const second = await api.createCluster({ name: 'same-second-2' }, 't3');
    expect((await api.control.tenant('t3')).resources.kubeclusters.items.map((doc) => doc._id)).toEqual([second._id, first._id]);
  });

  it('answers an unseen tenant as empty without creating it, and refuses a bad limit with 400', async () => {
    const api = testApi();
    const unseen = await api.control.tenant('nobody');
    expect(unseen.resources).toEqual(Object.fromEntries(resourceNames.map((resource) => [resource, { total: 0, items: [] }])));
    expect(await api.control.tenants()).toEqual([]);
    await expect(api.control.tenant('nobody', 1001)).rejects.toThrow(/400.*limit.*0 to 1000/);
    await expect(api.control.journal(-1)).rejects.toThrow(/400.*limit.*non-negative/);
  });

  it('is absent with control: false, and never lives under /api/v1', async () => {
    const app = createMockApp({ control: false });
    expect((await app.request('/__mock/clock')).status).toBe(404);
    const api = testApi();
    expect((await api.call('GET', '/api/v1/__mock/clock')).status).toBe(404);
  });
});
