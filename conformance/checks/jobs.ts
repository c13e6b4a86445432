// Runs and jobs, and the definitions the Terraform provider runs them through (policies, kubeoffloads):
// a run starts a job the provider can find and watch until it ends. Skipped on servers without these routes.
import { check } from '../check.js';
import type { Check, CheckContext, Doc } from '../check.js';
import type { Exchange } from '../client.js';
import { answerOf, expectEqual, expectEveError, expectStatus, expectThat, fail, show } from '../expect.js';
import { requireCollection } from './served.js';

/** Where the provider stops watching a job (`WatchJobUntilComplete`); FAILED is not among them. */
const DONE_STATES = ['COMPLETED', 'SKIPPED', 'PARTIAL', 'CANCELLED'];
const RUN_BODY = { retention: { retainDays: 7 }, runBackup: true };
const EXCLUDED_TYPES = ['DELETE_BACKUP', 'AWSRDS_BACKUP_DELETE', 'AGENT_UPDATE'];
const POLL_MS = 500;
const POLICY = (name: string) => ({ name, timezone: 'America/New_York', schedules: [{ retainDays: 7, locked: false, schedule: { cronSpec: '30 0 * * MON,FRI' } }] });

/** A check of runs and jobs: skipped, saying why, on a server without /api/v1/jobs. */
function jobsCheck(id: string, title: string, run: (t: CheckContext) => Promise<void>): Check {
  return check(id, title, ['writes'], async (t) => {
    await requireCollection(t, 'jobs');
    await run(t);
  });
}

export async function backupDefinition(t: CheckContext, fields: Doc = {}): Promise<Doc> {
  const cluster = await t.createCluster();
  return t.createKubebackup(cluster['_id'], { trigger_type: 'ADHOC', status: {}, ...fields });
}

export async function run(t: CheckContext, resource: 'kubebackups' | 'kubeoffloads', id: string): Promise<Exchange> {
  const answer = await t.api.request('POST', `/api/v1/${resource}/${id}/action/run`, { body: RUN_BODY });
  expectStatus(answer, 200, 201, 202);
  expectEqual(answer.body?._id, id, `_id of the definition the run answers`, answer);
  return answer;
}

export function lastRunOf(definition: Doc | undefined): number {
  const value = definition?.['status']?.last_job_run_time;
  return typeof value === 'number' ? value : 0;
}

/** The provider's query: the newest job of `backupdef` started after `after`, retried until --job-timeout. */
export async function findJob(t: CheckContext, backupdef: string, after: number): Promise<Doc> {
  const where = JSON.stringify({ type: { $nin: EXCLUDED_TYPES }, backupdef, start_time: { $gt: after } });
  const deadline = Date.now() + t.target.config.jobTimeoutMs;
  let last: Exchange;
  do {
    last = await t.api.list('jobs', { where, sort: '-start_time', page: 1, max_results: 5 });
    expectStatus(last, 200);
    const [newest] = last.body._items as Doc[];
    if (newest) return newest;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  } while (Date.now() < deadline);
  return fail(`a job of backupdef ${backupdef} with start_time > ${after} within ${t.target.config.jobTimeoutMs} ms`, `none: ${answerOf(last)}`, last);
}

/** Polls the job until a done state; on the mock, its clock is moved past any job duration first. */
async function waitUntilDone(t: CheckContext, jobId: string): Promise<Doc> {
  await t.target.control?.advanceClock(24 * 3600 * 1000);
  const deadline = Date.now() + t.target.config.jobTimeoutMs;
  let last: Exchange;
  do {
    last = await t.api.get('jobs', jobId);
    expectStatus(last, 200);
    if (DONE_STATES.includes(last.body?.state)) return last.body as Doc;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  } while (Date.now() < deadline);
  return fail(`state ${DONE_STATES.join(', ')} within ${t.target.config.jobTimeoutMs} ms (--job-timeout)`, `still ${show(last.body?.state)}`, last);
}

/** One run of a backup definition as the provider makes it: run, find the job, watch it end. */
async function runToEnd(t: CheckContext, backup: Doc): Promise<{ answer: Exchange; job: Doc }> {
  const answer = await run(t, 'kubebackups', backup['_id']);
  const job = await findJob(t, backup['_id'], lastRunOf(answer.body));
  return { answer, job: await waitUntilDone(t, job['_id']) };
}

async function copyDefinition(t: CheckContext, backup: Doc, fields: Doc = {}): Promise<Doc> {
  await requireCollection(t, 'kubeoffloads');
  const body = { name: t.name('copy'), cluster: backup['cluster'], trigger_type: 'ADHOC', backupdef: backup['_id'], run_backup: true, offload_provider: {}, status: {}, ...fields };
  return t.create('kubeoffloads', body);
}

export const jobChecks: Check[] = [
  jobsCheck('KC-JOBS-1', 'a run answers the backup definition, its last_job_run_time still the previous run\'s', async (t) => {
    const backup = await backupDefinition(t);
    const answer = await run(t, 'kubebackups', backup['_id']);
    expectEqual(lastRunOf(answer.body), 0, 'status.last_job_run_time in the answer to the first run', answer);
  }),

  jobsCheck('KC-JOBS-2', "the run's job is found the provider's way and names its cluster and backup definition", async (t) => {
    const backup = await backupDefinition(t);
    const answer = await run(t, 'kubebackups', backup['_id']);
    const job = await findJob(t, backup['_id'], lastRunOf(answer.body));
    expectThat(Number.isInteger(job['start_time']) && job['start_time'] > 0, 'start_time in epoch seconds', show(job['start_time']));
    expectEqual([job['backupdef'], job['cluster']], [backup['_id'], backup['cluster']], '[backupdef, cluster] of the job');
    expectThat(typeof job['state'] === 'string' && typeof job['type'] === 'string', 'a job with a state and a type', show(job));
  }),

  jobsCheck('KC-JOBS-3', 'the job reaches COMPLETED, SKIPPED, PARTIAL or CANCELLED within --job-timeout', async (t) => {
    const { job } = await runToEnd(t, await backupDefinition(t));
    expectThat(DONE_STATES.includes(job['state']), `a done state`, show(job['state']));
  }),

  jobsCheck('KC-JOBS-4', "then last_job_run_time is the job's start_time, and the next run's job is found after it", async (t) => {
    const backup = await backupDefinition(t);
    const first = await runToEnd(t, backup);
    const read = await t.read(backup['_id'], 'kubebackups');
    expectEqual(lastRunOf(read), first.job['start_time'], 'status.last_job_run_time after the job ended');
    const second = await runToEnd(t, backup);
    expectEqual(lastRunOf(second.answer.body), first.job['start_time'], 'status.last_job_run_time in the answer to the second run', second.answer);
    expectThat(second.job['_id'] !== first.job['_id'] && second.job['start_time'] > first.job['start_time'], 'a newer job for the second run', `${show(first.job['_id'])} then ${show(second.job['_id'])}`);
  }),

  jobsCheck('KC-JOBS-5', 'jobs are read-only: POST /jobs and PATCH, PUT, DELETE /jobs/{id} answer 405', async (t) => {
    const backup = await backupDefinition(t);
    const answer = await run(t, 'kubebackups', backup['_id']);
    const job = await findJob(t, backup['_id'], lastRunOf(answer.body));
    expectEveError(await t.api.request('POST', '/api/v1/jobs', { body: { name: t.name('job') } }), 405);
    for (const method of ['PATCH', 'PUT', 'DELETE']) {
      const write = await t.api.request(method, `/api/v1/jobs/${job['_id']}`, { body: { state: 'COMPLETED' }, headers: { 'If-Match': job['_etag'] } });
      expectEveError(write, 405);
    }
    expectStatus(await t.api.get('jobs', job['_id']), 200);
  }),

  jobsCheck('KC-JOBS-6', "a kubeoffload's run makes a job found by the kubeoffload's backupdef", async (t) => {
    const backup = await backupDefinition(t);
    const offload = await copyDefinition(t, backup);
    const answer = await run(t, 'kubeoffloads', offload['_id']);
    const job = await findJob(t, String(answer.body?.backupdef), lastRunOf(answer.body));
    expectEqual(job['backupdef'], backup['_id'], 'backupdef of the copy job');
    const done = await waitUntilDone(t, job['_id']);
    expectThat(DONE_STATES.includes(done['state']), 'a done state', show(done['state']));
  }),

  check('KC-JOBS-7', 'policies take the provider body; PUT needs If-Match and replaces the schedules', ['writes'], async (t) => {
    await requireCollection(t, 'policies');
    const policy = await t.create('policies', POLICY(t.name('policy')));
    const replacement = { ...POLICY(policy['name']), schedules: [{ retainDays: 14, locked: true, schedule: { cronSpec: '0 4 * * sun' } }] };
    const noEtag = await t.api.put('policies', policy['_id'], replacement, undefined);
    expectEveError(noEtag, 428);
    await t.expectUnchanged(policy, noEtag, 'policies');
    const put = await t.api.put('policies', policy['_id'], replacement, policy['_etag']);
    expectStatus(put, 200);
    expectEqual(put.body?.schedules, replacement.schedules, 'schedules after PUT', put);
  }),

  check('KC-JOBS-8', 'a policy a backup definition uses, and a backup definition a kubeoffload copies, cannot be deleted', ['writes'], async (t) => {
    await requireCollection(t, 'policies');
    const policy = await t.create('policies', POLICY(t.name('policy')));
    const backup = await backupDefinition(t, { policy: policy['_id'] });
    await copyDefinition(t, backup);
    for (const [resource, doc] of [['policies', policy], ['kubebackups', backup]] as const) {
      const refused = await t.api.delete(resource, doc['_id'], doc['_etag']);
      expectThat(refused.status >= 400 && refused.status < 500, `a 4xx refusal to delete the ${resource} item`, () => answerOf(refused), refused);
      expectEveError(refused, refused.status);
      await t.expectUnchanged(doc, refused, resource);
    }
  }),
];
