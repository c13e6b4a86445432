// The jobs resource checked as the others are (KC-RES-JOBS-<n>), as far as it goes: clients only read
// jobs, so every write answers 405 and changes nothing; reads and `where` work as on any resource.
// The jobs come from runs of backup definitions; skipped on a server without /api/v1/jobs.
import { check } from '../check.js';
import type { Check, CheckContext, Doc } from '../check.js';
import { expectEqual, expectEveError, expectRule, expectStatus, idsOf } from '../expect.js';
import { etagHeader } from '../rules/answers.js';
import { backupDefinition, findJob, lastRunOf, run } from './jobs.js';
import { requireCollection } from './served.js';

/** What a job keeps for good, whatever its state does meanwhile. */
const FIXED = ['name', 'type', 'backupdef', 'cluster', 'start_time'];

function fixedOf(job: Doc): Doc {
  return Object.fromEntries(FIXED.map((field) => [field, job[field]]));
}

/** The job of one run of a new backup definition. */
async function newJob(t: CheckContext): Promise<Doc> {
  const backup = await backupDefinition(t);
  const answer = await run(t, 'kubebackups', backup['_id']);
  return findJob(t, backup['_id'], lastRunOf(answer.body));
}

function jobsResourceCheck(n: number, title: string, body: (t: CheckContext) => Promise<void>): Check {
  return check(`KC-RES-JOBS-${n}`, `jobs: ${title}`, ['writes'], async (t) => {
    await requireCollection(t, 'jobs', "the Terraform provider's jobs (runs of backup definitions)");
    await body(t);
  });
}

export const jobResourceChecks: Check[] = [
  jobsResourceCheck(1, 'POST, PATCH, PUT and DELETE answer 405; nothing is stored, the job is as it was', async (t) => {
    const job = await newJob(t);
    const made = { ...fixedOf(job), name: t.name('job'), state: 'RUNNING' };
    const post = await t.api.request('POST', '/api/v1/jobs', { body: made });
    expectEveError(post, 405);
    const named = await t.api.list('jobs', { where: JSON.stringify({ name: made.name }) });
    expectEqual(idsOf(named), [], `jobs named ${made.name} after the refused POST`, post);
    for (const method of ['PATCH', 'PUT', 'DELETE']) {
      const body = method === 'DELETE' ? {} : { body: { ...made, state: 'CANCELLED' } };
      const write = await t.api.request(method, `/api/v1/jobs/${job['_id']}`, { ...body, headers: { 'If-Match': job['_etag'] } });
      expectEveError(write, 405);
      const after = await t.api.get('jobs', job['_id']);
      expectStatus(after, 200);
      expectEqual(fixedOf(after.body), fixedOf(job), `the job read back after the refused ${method}`, write);
    }
  }),

  jobsResourceCheck(2, 'GET item answers the job with an ETag equal to _etag; an unknown id answers 404', async (t) => {
    const job = await newJob(t);
    const answer = await t.api.get('jobs', job['_id']);
    expectStatus(answer, 200);
    expectRule(answer, etagHeader);
    expectEqual(fixedOf(answer.body), fixedOf(job), 'the job read by its id (as listed)', answer);
    expectEveError(await t.api.get('jobs', 'ffffffffffffffffffffffff'), 404);
  }),

  jobsResourceCheck(3, 'where by name, and by backupdef, finds exactly the job of that run', async (t) => {
    const [first, second] = [await newJob(t), await newJob(t)];
    const byName = await t.api.list('jobs', { where: JSON.stringify({ name: first['name'] }) });
    expectStatus(byName, 200);
    expectEqual(idsOf(byName), [first['_id']], `_id of every job named ${first['name']}`, byName);
    const byDefinition = await t.api.list('jobs', { where: JSON.stringify({ backupdef: second['backupdef'] }) });
    expectStatus(byDefinition, 200);
    expectEqual(idsOf(byDefinition), [second['_id']], `_id of every job of backup definition ${second['backupdef']}`, byDefinition);
  }),
];
