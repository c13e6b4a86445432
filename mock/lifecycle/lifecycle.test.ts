import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { testApi } from '../test-support/api.js';
import type { Json, TestApi } from '../test-support/api.js';

async function read(api: TestApi, id: string): Promise<Json> {
  return (await api.call('GET', `/api/v1/kubeclusters/${id}`)).body;
}

async function fetchManifest(api: TestApi, cluster: Json) {
  return api.call('GET', new URL(cluster.status.agentURL).pathname, { token: null });
}

describe('the cluster lifecycle', () => {
  it('walks REGISTERED → PENDING → ACTIVE → INACTIVE → ACTIVE, with a new ETag at every step', async () => {
    const api = testApi({ activationDelayMs: 3000 });
    const created = await api.createCluster({ name: 'walk' });
    const etags = [created._etag];
    expect(created.status.state).toBe('REGISTERED');

    const manifest = await fetchManifest(api, created);
    expect(manifest.status).toBe(200);
    const pending = await read(api, created._id);
    expect(pending.status.state).toBe('PENDING');
    etags.push(pending._etag);

    api.clock.advance(2999);
    expect((await read(api, created._id)).status.state).toBe('PENDING');
    api.clock.advance(1);
    const active = await read(api, created._id);
    expect(active.status).toMatchObject({ state: 'ACTIVE', agentURL: created.status.agentURL });
    expect(active.status.kubernetesVersion).toMatch(/^v1\.\d+\.\d+$/);
    expect(active.status.nodeCount).toBeGreaterThan(0);
    etags.push(active._etag);

    etags.push((await api.control.disconnectAgent(created._id))._etag);
    expect((await read(api, created._id)).status.state).toBe('INACTIVE');
    etags.push((await api.control.connectAgent(created._id))._etag);
    const again = await read(api, created._id);
    expect(again.status.state).toBe('ACTIVE');
    expect(again._etag).toBe(etags.at(-1));

    expect(new Set(etags).size).toBe(5);
    const stale = await api.call('PATCH', `/api/v1/kubeclusters/${created._id}`, { body: { description: 'x' }, headers: { 'If-Match': active._etag } });
    expect(stale.status).toBe(412);
  });

  it('stamps _updated with the moment of each server-side change', async () => {
    const api = testApi({ activationDelayMs: 10_000 });
    const created = await api.createCluster();
    api.clock.advance(60_000);
    await fetchManifest(api, created);
    api.clock.advance(60_000);
    const active = await read(api, created._id);
    expect(Date.parse(active._updated) - Date.parse(created._updated)).toBe(70_000);
  });

  it('activates at once with a zero delay, and only through the control API with "never"', async () => {
    const now = testApi({ activationDelayMs: 0 });
    const a = await now.createCluster();
    await fetchManifest(now, a);
    expect((await read(now, a._id)).status.state).toBe('ACTIVE');

    const never = testApi({ activationDelayMs: 'never' });
    const b = await never.createCluster();
    await fetchManifest(never, b);
    never.clock.advance(3_600_000);
    expect((await read(never, b._id)).status.state).toBe('PENDING');
    await never.control.connectAgent(b._id);
    expect((await read(never, b._id)).status.state).toBe('ACTIVE');
  });

  it('refuses an illegal transition with 409 and a message naming the allowed ones', async () => {
    const api = testApi();
    const created = await api.createCluster();
    await api.control.connectAgent(created._id);
    await expect(api.control.setState(created._id, 'PENDING')).rejects.toThrow(/409.*ACTIVE.*PENDING/);
    await expect(api.control.setState(created._id, 'EXPLODED')).rejects.toThrow(/400.*Unknown cluster state/);
    expect((await read(api, created._id)).status.state).toBe('ACTIVE');
  });

  it('keeps the agent connected across a PUT that omits status', async () => {
    const api = testApi();
    const created = await api.createCluster({ name: 'a' });
    const connected = await api.control.connectAgent(created._id);
    const res = await api.call('PUT', `/api/v1/kubeclusters/${created._id}`, { body: { name: 'b' }, headers: { 'If-Match': connected._etag } });
    expect(res.body.status.state).toBe('ACTIVE');
    expect(res.body.status.agentURL).toBe(created.status.agentURL);
  });

  it('uses --public-url for agentURL when given', async () => {
    const api = testApi({ publicUrl: 'https://cc.example.com/' });
    const created = await api.createCluster();
    expect(created.status.agentURL).toMatch(/^https:\/\/cc\.example\.com\/kubeclusteragents\/agent-[a-z0-9]{5}\/.+\.yaml$/);
  });
});

describe('the agent manifest', () => {
  it('is a kind: List installing kubemanager in cloudcasa-io with the cluster\'s pull secret, registry and pods dir', async () => {
    const api = testApi();
    const created = await api.createCluster({ image_pull_secret_name: 'myregistrykey', container_registry: 'https://registry.example.com/mirror/', kublet_pods_dir: '/data/kubelet/pods' });
    const res = await fetchManifest(api, created);
    expect(res.headers.get('content-type')).toMatch(/^application\/yaml/);
    const doc = parse(res.text) as Json;
    expect(doc.kind).toBe('List');
    const kinds = doc.items.map((i: Json) => `${i.kind}/${i.metadata.name}`);
    expect(kinds).toContain('Namespace/cloudcasa-io');
    const deployment = doc.items.find((i: Json) => i.kind === 'Deployment');
    expect(deployment.metadata).toMatchObject({ name: 'kubemanager', namespace: 'cloudcasa-io' });
    const pod = deployment.spec.template.spec;
    expect(pod.imagePullSecrets).toEqual([{ name: 'myregistrykey' }]);
    expect(pod.containers[0].image).toMatch(/^registry\.example\.com\/mirror\//);
    expect(pod.volumes.some((v: Json) => v.hostPath?.path === '/data/kubelet/pods')).toBe(true);
  });

  it('lets only the current agent URL of a cluster find it once its URL has been replaced', async () => {
    const api = testApi();
    const cluster = { _id: '5eb599e603f7a77d5223efee', _created: 'Fri, 08 May 2020 17:41:58 GMT', _updated: 'Fri, 08 May 2020 17:41:58 GMT', name: 'reloaded' };
    await api.control.loadFixtures({ tenant: 't1', fixtures: { kubeclusters: [cluster] } });
    const first = await read(api, cluster._id);
    // Loaded again without an agent URL, the cluster is given a new one.
    await api.control.loadFixtures({ tenant: 't1', fixtures: { kubeclusters: [cluster] } });
    const second = await read(api, cluster._id);
    expect(second.status.agentURL).not.toBe(first.status.agentURL);
    expect((await fetchManifest(api, first)).status).toBe(404);
    expect((await fetchManifest(api, second)).status).toBe(200);
  });

  it('finds a cluster by the token that names it, and by nothing that only starts like it', async () => {
    const api = testApi();
    const created = await api.createCluster();
    const path = new URL(created.status.agentURL).pathname;
    const token = /\/([^/]+)\.yaml$/.exec(path)?.[1] ?? '';
    expect(Buffer.from(token.slice(0, 16), 'base64url').toString('hex')).toBe(created._id);
    expect((await api.call('GET', path, { token: null })).status).toBe(200);
    const forged = path.replace(token, `${token.slice(0, 16)}${'A'.repeat(token.length - 16)}`);
    expect((await api.call('GET', forged, { token: null })).status).toBe(404);
    await api.call('DELETE', `/api/v1/kubeclusters/${created._id}`, { headers: { 'If-Match': (await read(api, created._id))._etag } });
    expect((await api.call('GET', path, { token: null })).status).toBe(404);
  });

  it('finds a cluster by an agent URL it was loaded with, one that does not name it, until it is deleted', async () => {
    const api = testApi();
    const agentURL = 'http://127.0.0.1:4010/kubeclusteragents/agent-gpq6w/RiFmKE3W1zgeIZACmTA8Z-iZrKXcdM0jEC7RiCu0lT4=.yaml';
    const cluster = { _id: '5eb599e603f7a77d5223efee', _created: 'Fri, 08 May 2020 17:41:58 GMT', _updated: 'Fri, 08 May 2020 17:41:58 GMT', name: 'seeded', status: { state: 'REGISTERED', agentURL } };
    await api.control.loadFixtures({ tenant: 't1', fixtures: { kubeclusters: [cluster] } });
    const path = new URL(agentURL).pathname;
    expect((await api.call('GET', path, { token: null })).status).toBe(200);
    const loaded = (await api.call('GET', `/api/v1/kubeclusters/${cluster._id}`, { token: 't1' })).body;
    expect(loaded.status).toMatchObject({ state: 'PENDING', agentURL });
    await api.call('DELETE', `/api/v1/kubeclusters/${cluster._id}`, { token: 't1', headers: { 'If-Match': loaded._etag } });
    expect((await api.call('GET', path, { token: null })).status).toBe(404);
  });

  it('answers 404 to an unknown agent id or token, without changing any cluster', async () => {
    const api = testApi();
    const created = await api.createCluster();
    const path = new URL(created.status.agentURL).pathname;
    for (const wrong of [path.replace(/agent-[a-z0-9]+/, 'agent-zzzzz'), path.replace(/\/[^/]+\.yaml$/, '/nope.yaml')]) {
      expect((await api.call('GET', wrong, { token: null })).status, wrong).toBe(404);
    }
    expect((await read(api, created._id))._etag).toBe(created._etag);
  });
});
