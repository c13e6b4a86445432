import { describe, expect, it } from 'vitest';
import type { MockOptions } from '../options.js';
import { testApi } from '../test-support/api.js';
import type { Json, TestApi } from '../test-support/api.js';
import { ProviderClient } from '../test-support/terraform-provider.js';

const RUN = { retention: { retainDays: 7 }, runBackup: true };

async function backupDefinition(api: TestApi, name = 'nightly'): Promise<Json> {
  const cluster = await api.createCluster();
  const created = await api.call('POST', '/api/v1/kubebackups', { body: { name, cluster: cluster._id, source: { all_namespaces: true, snapshotPersistentVolumes: true }, status: {} } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body;
}

async function run(api: TestApi, backupId: string, token = 't1') {
  return api.call('POST', `/api/v1/kubebackups/${backupId}/action/run`, { body: RUN, token });
}

/** A mock with one backup definition run once, and that run's job. */
async function ranOnce(options: MockOptions): Promise<{ api: TestApi; backup: Json; job: Json }> {
  const api = testApi(options);
  const backup = await backupDefinition(api);
  await run(api, backup._id);
  const [job] = await jobsOf(api, backup._id);
  return { api, backup, job: job as Json };
}

async function jobsOf(api: TestApi, backupId: string): Promise<Json[]> {
  const where = encodeURIComponent(JSON.stringify({ backupdef: backupId }));
  return (await api.call('GET', `/api/v1/jobs?where=${where}&sort=-start_time`)).body._items;
}

describe('a run and its job', () => {
  it('starts a RUNNING job at now on the mock clock; the answer keeps the previous last_job_run_time', async () => {
    const api = testApi({ jobDurationMs: 10_000 });
    const backup = await backupDefinition(api);
    const answer = await run(api, backup._id);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('etag')).toBe(`"${answer.body._etag}"`);
    expect(answer.body._etag).not.toBe(backup._etag);
    const [job] = await jobsOf(api, backup._id);
    expect(job).toMatchObject({ type: 'KUBE_BACKUP', state: 'RUNNING', start_time: api.clock.now() / 1000, cluster: backup.cluster, backupdef: backup._id, jobrunner: 'kubeagent' });
    expect(answer.body.status).toEqual({ last_job_run_time: 0, jobs: [{ _id: job?._id, state: 'RUNNING' }] });
  });

  it('walks RUNNING → CATALOG → COMPLETED over --job-duration, then moves the definition\'s last_job_run_time', async () => {
    const { api, backup, job } = await ranOnce({ jobDurationMs: 10_000 });
    const read = async () => (await api.call('GET', `/api/v1/jobs/${job?._id}`)).body;
    api.clock.advance(7_999);
    expect((await read()).state).toBe('RUNNING');
    api.clock.advance(1);
    expect((await read()).state).toBe('CATALOG');
    api.clock.advance(1_999);
    expect((await read()).state).toBe('CATALOG');
    api.clock.advance(1);
    const done = await read();
    expect(done.state).toBe('COMPLETED');
    expect(done.activity).toEqual([
      expect.stringMatching(/ RUNNING: started$/),
      expect.stringMatching(/ CATALOG: cataloging the backup$/),
      expect.stringMatching(/ COMPLETED: completed$/),
    ]);
    expect(Date.parse(done._updated) - Date.parse(done._created)).toBe(10_000);
    const definition = (await api.call('GET', `/api/v1/kubebackups/${backup._id}`)).body;
    expect(definition.status).toEqual({ last_job_run_time: job?.start_time, jobs: [] });
  });

  it('completes late moves at the time they were due, however late the next request comes', async () => {
    const api = testApi({ jobDurationMs: 10_000 });
    const backup = await backupDefinition(api);
    await run(api, backup._id);
    api.clock.advance(3_600_000);
    const [job] = await jobsOf(api, backup._id);
    expect(job?.state).toBe('COMPLETED');
    expect(Date.parse(String(job?._updated)) - Date.parse(String(job?._created))).toBe(10_000);
  });

  it('gives two runs in the same second different start times, so the provider\'s $gt query finds the second', async () => {
    const api = testApi({ jobDurationMs: 0 });
    const backup = await backupDefinition(api);
    const first = await run(api, backup._id);
    const second = await run(api, backup._id);
    const jobs = await jobsOf(api, backup._id);
    expect(jobs.map((job) => job.start_time)).toEqual([api.clock.now() / 1000 + 1, api.clock.now() / 1000]);
    expect(first.body.status.last_job_run_time).toBe(0);
    expect(second.body.status.last_job_run_time).toBe(api.clock.now() / 1000);
  });

  it('refuses a bad run request (422 naming the field, 400 for a non-object) and starts no job; an unknown definition is 404', async () => {
    const api = testApi();
    const backup = await backupDefinition(api);
    const bad = await api.call('POST', `/api/v1/kubebackups/${backup._id}/action/run`, { body: { retention: { retainDays: 'seven' }, colour: 1 } });
    expect(bad.status).toBe(422);
    expect(bad.body._issues).toEqual({ retention: { retainDays: 'must be of integer type' }, colour: 'unknown field' });
    expect((await api.call('POST', `/api/v1/kubebackups/${backup._id}/action/run`, { body: [RUN] })).status).toBe(400);
    expect(await jobsOf(api, backup._id)).toEqual([]);
    expect((await run(api, 'ffffffffffffffffffffffff')).status).toBe(404);
    expect((await run(api, backup._id, 'someone-else')).status).toBe(404);
  });
});

describe('the jobs resource', () => {
  it('is read-only: POST, PATCH, PUT, DELETE answer 405; action/run takes POST only', async () => {
    const { api, backup, job } = await ranOnce({ jobDurationMs: 'never' });
    expect((await api.call('POST', '/api/v1/jobs', { body: { name: 'x' } })).status).toBe(405);
    for (const method of ['PATCH', 'PUT', 'DELETE']) {
      const answer = await api.call(method, `/api/v1/jobs/${job?._id}`, { body: { state: 'COMPLETED' }, headers: { 'If-Match': String(job?._etag) } });
      expect(answer.status, method).toBe(405);
      expect(answer.body._error.message).toBe('The method is not allowed for the requested URL.');
    }
    expect((await api.call('GET', `/api/v1/kubebackups/${backup._id}/action/run`)).status).toBe(405);
    expect((await api.call('POST', `/api/v1/objectstores/${backup._id}/action/run`, { body: RUN })).status).toBe(404);
    expect((await api.call('GET', `/api/v1/jobs/${job?._id}`)).body.state).toBe('RUNNING');
  });

  it("belongs to its tenant: another token neither lists nor reads it", async () => {
    const { api, job } = await ranOnce({ jobDurationMs: 'never' });
    expect((await api.call('GET', '/api/v1/jobs', { token: 't2' })).body._meta.total).toBe(0);
    expect((await api.call('GET', `/api/v1/jobs/${job?._id}`, { token: 't2' })).status).toBe(404);
  });
});

describe('the control API and jobs', () => {
  it('finishes a job as FAILED: the definition records the run; the provider, which waits only for COMPLETED/SKIPPED/PARTIAL/CANCELLED, times out', async () => {
    const { api, backup, job } = await ranOnce({ jobDurationMs: 'never' });
    const moved = await api.control.finishJob(String(job?._id), 'FAILED');
    expect(moved).toMatchObject({ _id: job?._id, state: 'FAILED' });
    expect((await api.call('GET', `/api/v1/kubebackups/${backup._id}`)).body.status).toEqual({ last_job_run_time: job?.start_time, jobs: [] });
    const provider = new ProviderClient('http://mock.local', 't1', (input, init) => api.mock.app.request(input, init), async (ms) => api.clock.advance(ms));
    await expect(provider.watchJobUntilComplete(String(job?._id))).rejects.toThrow(/timed out waiting for job/);
    await expect(api.control.finishJob(String(job?._id), 'COMPLETED')).rejects.toThrow(/409.*Cannot move job from FAILED to COMPLETED; allowed from FAILED: none/);
  });

  it('holds a job RUNNING past its duration until it is finished (PARTIAL), and says what is wrong with a bad state', async () => {
    const { api, job } = await ranOnce({ jobDurationMs: 1000 });
    const id = String(job?._id);
    await api.control.holdJob(id);
    api.clock.advance(60_000);
    expect((await api.call('GET', `/api/v1/jobs/${id}`)).body.state).toBe('RUNNING');
    await expect(api.control.finishJob(id, 'RUNNING')).rejects.toThrow(/400.*COMPLETED, PARTIAL, FAILED, CANCELLED, SKIPPED/);
    await expect(api.control.finishJob('ffffffffffffffffffffffff')).rejects.toThrow(/404/);
    expect((await api.control.finishJob(id, 'PARTIAL')).state).toBe('PARTIAL');
    const read = (await api.call('GET', `/api/v1/jobs/${id}`)).body;
    expect(read.activity.at(-1)).toMatch(/ PARTIAL: partially completed \(control API\)$/);
  });

  it('keeps waiting job steps and held jobs across a state export and import', async () => {
    const api = testApi({ jobDurationMs: 10_000 });
    const backup = await backupDefinition(api);
    await run(api, backup._id);
    await run(api, backup._id);
    const [held, moving] = await jobsOf(api, backup._id);
    await api.control.holdJob(String(held?._id));
    const exported = await api.control.exportState();
    expect(exported.jobSteps).toEqual([{ id: moving?._id, due: new Date(api.clock.now() + 8_000).toISOString() }]);
    await api.control.importState(exported);
    api.clock.advance(10_000);
    const states = Object.fromEntries((await jobsOf(api, backup._id)).map((job) => [job._id, job.state]));
    expect(states).toEqual({ [String(held?._id)]: 'RUNNING', [String(moving?._id)]: 'COMPLETED' });
  });

  it('reports the job duration in /__mock/config', async () => {
    expect((await testApi({ jobDurationMs: 'never' }).control.config()).jobDurationMs).toBe('never');
    expect((await testApi().control.config()).jobDurationMs).toBe(5000);
  });
});
