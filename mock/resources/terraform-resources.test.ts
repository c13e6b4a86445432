import { describe, expect, it } from 'vitest';
import { testApi } from '../test-support/api.js';
import type { Json, TestApi } from '../test-support/api.js';

const POLICY = { name: 'nightly', timezone: 'America/New_York', schedules: [{ retainDays: 7, locked: false, schedule: { cronSpec: '30 0 * * MON,FRI' } }] };
const SOURCE = { all_namespaces: true, snapshotPersistentVolumes: true };
const MISSING = '5eb599e603f7a77d5223eeee';
/** Eve's message for a dangling reference (the final full stop comes and goes between Eve versions). */
const dangling = (id: string, resource: string) => new RegExp(`^value '${id}' must exist in resource '${resource}', field '_id'\\.?$`);

async function created(api: TestApi, resource: string, body: Json): Promise<Json> {
  const answer = await api.call('POST', `/api/v1/${resource}`, { body });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
}

/** A cluster, a policy, a kubebackup with the policy, and a kubeoffload copying it (the backup's copydef). */
async function copySetup(api: TestApi) {
  const cluster = await api.createCluster();
  const policy = await created(api, 'policies', POLICY);
  const backup = await created(api, 'kubebackups', { name: 'b', cluster: cluster._id, policy: policy._id, source: SOURCE, status: {} });
  const offload = await created(api, 'kubeoffloads', { name: 'b', cluster: cluster._id, trigger_type: 'ADHOC', backupdef: backup._id, policy: policy._id, offload_provider: {}, status: {} });
  const withCopy = await api.call('PATCH', `/api/v1/kubebackups/${backup._id}`, { body: { copydef: offload._id }, headers: { 'If-Match': backup._etag } });
  expect(withCopy.status).toBe(200);
  return { cluster, policy, backup: withCopy.body, offload };
}

describe('policies', () => {
  it('take the provider body; PUT needs If-Match (428 without, 412 stale); DELETE without it under lenient', async () => {
    const api = testApi({ profile: 'lenient' });
    const policy = await created(api, 'policies', POLICY);
    expect(policy).toMatchObject({ ...POLICY, _status: 'OK', _links: { self: { title: 'Policy', href: `policies/${policy._id}` } } });
    const replacement = { ...POLICY, schedules: [{ retainDays: 30, locked: true, schedule: { cronSpec: '0 4 * * sun' } }] };
    expect((await api.call('PUT', `/api/v1/policies/${policy._id}`, { body: replacement })).status).toBe(428);
    expect((await api.call('PUT', `/api/v1/policies/${policy._id}`, { body: replacement, headers: { 'If-Match': 'f'.repeat(40) } })).status).toBe(412);
    const put = await api.call('PUT', `/api/v1/policies/${policy._id}`, { body: replacement, headers: { 'If-Match': policy._etag } });
    expect(put.status).toBe(200);
    expect(put.body.schedules).toEqual(replacement.schedules);
    expect((await api.call('DELETE', `/api/v1/policies/${policy._id}`)).status).toBe(204);
    expect((await api.call('GET', `/api/v1/policies/${policy._id}`)).status).toBe(404);
  });

  it('refuse an unknown time zone, a cron spec without five fields and a missing retainDays, naming each', async () => {
    const api = testApi();
    const answer = await api.call('POST', '/api/v1/policies', { body: { name: 'p', timezone: 'Mars/Olympus', schedules: [{ locked: true, schedule: { cronSpec: '0 4 *' } }] } });
    expect(answer.status).toBe(422);
    expect(answer.body._issues).toEqual({
      timezone: 'unallowed value Mars/Olympus: not an IANA time zone such as America/New_York',
      schedules: { 0: { retainDays: 'required field', schedule: { cronSpec: expect.stringMatching(/^value does not match regex/) } } },
    });
    expect((await api.call('GET', '/api/v1/policies')).body._meta.total).toBe(0);
  });
});

describe('references of backup and copy definitions', () => {
  it('refuse a dangling policy, backupdef and copydef with 422 in Eve\'s words', async () => {
    const api = testApi();
    const cluster = await api.createCluster();
    const backup = await api.call('POST', '/api/v1/kubebackups', { body: { name: 'b', cluster: cluster._id, policy: MISSING, copydef: MISSING, source: SOURCE } });
    expect(backup.status).toBe(422);
    expect(backup.body._issues.policy).toMatch(dangling(MISSING, 'policies'));
    expect(backup.body._issues.copydef).toMatch(dangling(MISSING, 'kubeoffloads'));
    const offload = await api.call('POST', '/api/v1/kubeoffloads', { body: { name: 'o', cluster: cluster._id, trigger_type: 'ADHOC', backupdef: MISSING } });
    expect(offload.status).toBe(422);
    expect(offload.body._issues).toEqual({ backupdef: expect.stringMatching(dangling(MISSING, 'kubebackups')) });
  });

  it('keep a policy used by a backup or copy definition, and a kubebackup used by a kubeoffload (409, nothing deleted)', async () => {
    const api = testApi({ profile: 'lenient' });
    const { policy, backup, offload } = await copySetup(api);
    const policyDelete = await api.call('DELETE', `/api/v1/policies/${policy._id}`);
    expect(policyDelete.status).toBe(409);
    expect(policyDelete.body._error.message).toBe(`Policy ${policy._id} is used by backup definition b (${backup._id}); delete that first`);
    const backupDelete = await api.call('DELETE', `/api/v1/kubebackups/${backup._id}`);
    expect(backupDelete.status).toBe(409);
    expect(backupDelete.body._error.message).toBe(`Kubebackup ${backup._id} is used by copy definition b (${offload._id}); delete that first`);
    expect((await api.call('GET', `/api/v1/kubebackups/${backup._id}`)).body._etag).toBe(backup._etag);
  });

  it("let a kubeoffload go while the backup's copydef still names it (the provider's delete order), then the rest", async () => {
    const api = testApi({ profile: 'lenient' });
    const { cluster, policy, backup, offload } = await copySetup(api);
    for (const path of [`kubeoffloads/${offload._id}`, `kubebackups/${backup._id}`, `policies/${policy._id}`, `kubeclusters/${cluster._id}`]) {
      expect((await api.call('DELETE', `/api/v1/${path}`)).status, path).toBe(204);
    }
  });

  it('keep the server\'s status whatever status a client sends (the provider sends {})', async () => {
    const api = testApi();
    const { offload } = await copySetup(api);
    const put = await api.call('PUT', `/api/v1/kubeoffloads/${offload._id}`, {
      body: { name: 'b', cluster: offload.cluster, trigger_type: 'ADHOC', backupdef: offload.backupdef, status: { last_job_run_time: 99, state: 'COMPLETED' } },
      headers: { 'If-Match': offload._etag },
    });
    expect(put.status).toBe(200);
    expect(put.body.status).toEqual({ last_job_run_time: 0 });
    expect(put.body.policy).toBeUndefined();
  });
});
