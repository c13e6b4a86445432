// Runs of backup and copy definitions: a run starts a job, the job moves on by itself on the shared
// timeline (or as the control API says), and its end is written back into its definition's status.
import { ApiError } from '../http/errors.js';
import { domain } from '../resources/domain.js';
import type { RunDeclaration, WriteContext } from '../resources/definition.js';
import { lastJobRunTime, startTimeOf } from '../resources/job-status.js';
import type { ResourceService } from '../resources/service.js';
import type { Clock } from '../store/clock.js';
import { fieldsOf } from '../store/document.js';
import type { Fields, ResourceName, StoredDoc } from '../store/document.js';
import { httpDate } from '../store/http-date.js';
import type { Located, Store } from '../store/store.js';
import { hasIssues } from '../validation/issues.js';
import type { DocumentValidator } from '../validation/validator.js';
import { endedJobStates, isEndedJobState, jobMachine } from './state-machine.js';
import type { JobState } from './state-machine.js';
import type { Delay, Timeline } from './timeline.js';

export interface JobOptions {
  /** From a run to COMPLETED; `'never'`: only the control API ends a job. */
  jobDurationMs: Delay;
}

/** The part of a job's duration spent RUNNING; the rest is CATALOG. */
const RUNNING_SHARE = 0.8;
const JOB_RUNNER = 'kubeagent';

const happened: Record<JobState, string> = {
  RUNNING: 'started',
  CATALOG: 'cataloging the backup',
  COMPLETED: 'completed',
  PARTIAL: 'partially completed',
  FAILED: 'failed',
  CANCELLED: 'cancelled',
  SKIPPED: 'skipped',
};

export class JobRunner {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly timeline: Timeline,
    private readonly validator: DocumentValidator,
    /** Definitions are read and jobs created through the services: tenants, 404s and limits as for any document. */
    private readonly services: Readonly<Record<ResourceName, ResourceService>>,
    options: JobOptions,
  ) {
    timeline.follow<JobState>({
      resource: 'jobs',
      machine: jobMachine,
      stateOf: jobStateOf,
      delayOf: (state) => stepDelay(options.jobDurationMs, state),
      move: (job, to, at) => this.#move(job, to, at, happened[to]),
    });
  }

  /** `POST /api/v1/<resource>/{id}/action/run`: starts a job; answers the definition, its last_job_run_time still the previous run's. */
  run(context: WriteContext, resource: ResourceName, id: string, body: unknown): StoredDoc {
    const declaration = domain[resource].runs;
    if (!declaration) throw new Error(`${resource} declares no runs; its action/run route should not exist`);
    const definition = this.services[resource].get(context.tenant, id);
    this.#checkRequest(body);
    const job = this.#start(context, definition, declaration);
    const status = declaration.started(statusOf(definition), job);
    return this.#writeStatus({ tenant: context.tenant, resource, doc: definition }, status, context.now);
  }

  /** A control-API end: COMPLETED, PARTIAL, FAILED, CANCELLED or SKIPPED. */
  finish(id: string, state: string): StoredDoc {
    if (!isEndedJobState(state)) throw new ApiError(400, `Invalid state "${state}": a job ends as one of ${endedJobStates.join(', ')}`);
    const job = this.#locate(id);
    jobMachine.assertMove(jobStateOf(job.doc) ?? 'RUNNING', state);
    return this.#move(job, state, this.clock.now(), `${happened[state]} (control API)`);
  }

  /** A control-API hold: the job stays RUNNING until finished through the control API. */
  hold(id: string): StoredDoc {
    const job = this.#locate(id);
    jobMachine.assertMove(jobStateOf(job.doc) ?? 'RUNNING', 'RUNNING');
    const held = this.#move(job, 'RUNNING', this.clock.now(), 'held (control API)');
    this.timeline.cancel(id);
    return held;
  }

  #locate(id: string): Located {
    this.timeline.settle();
    const job = this.store.locate(id);
    if (!job || job.resource !== 'jobs') throw new ApiError(404, `No job with _id ${id}`);
    return job;
  }

  #checkRequest(body: unknown): void {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw new ApiError(400, 'Invalid body: expected a JSON object such as {"retention": {"retainDays": 7}, "runBackup": true}');
    }
    const issues = this.validator.check('RunRequest', { ...body });
    if (hasIssues(issues)) throw new ApiError(422, 'Validation failure: the run request contains errors', { issues });
  }

  #start(context: WriteContext, definition: StoredDoc, declaration: RunDeclaration): StoredDoc {
    const backupdef = declaration.backupdefOf(definition);
    const startTime = this.#startTime(context, backupdef, definition);
    return this.services.jobs.create(context, {
      name: `${String(definition['name'])}-${startTime}`,
      type: declaration.jobType,
      state: 'RUNNING',
      start_time: startTime,
      cluster: definition['cluster'],
      backupdef,
      ...(declaration.jobField === 'copydef' ? { copydef: definition._id } : {}),
      jobrunner: JOB_RUNNER,
      activity: [activityLine(context.now, 'RUNNING', happened.RUNNING)],
    });
  }

  /**
   * Now on the mock's clock, in epoch seconds, but always after the definition's earlier runs: clients
   * find a run's job with `start_time > last_job_run_time`, which two runs in one second would defeat.
   */
  #startTime(context: WriteContext, backupdef: string, definition: StoredDoc): number {
    let latest = lastJobRunTime(statusOf(definition));
    const jobs = this.store.collection(context.tenant, 'jobs');
    for (const id of jobs.findEqual('backupdef', backupdef) ?? []) {
      const job = jobs.get(id);
      if (job) latest = Math.max(latest, startTimeOf(job));
    }
    return Math.max(Math.floor(context.now / 1000), latest + 1);
  }

  #move(job: Located, to: JobState, at: number, note: string): StoredDoc {
    const activity = Array.isArray(job.doc['activity']) ? (job.doc['activity'] as string[]) : [];
    const fields = { ...fieldsOf(job.doc), state: to, activity: [...activity, activityLine(at, to, note)] };
    const moved = this.store.write(job.tenant, 'jobs', job.doc._id, fields, { created: job.doc._created, updated: at });
    if (isEndedJobState(to)) this.#recordEnd(job.tenant, moved, at);
    return moved;
  }

  /** The definition that ran the job learns its end (it may have been deleted since: then nothing). */
  #recordEnd(tenant: string, job: StoredDoc, at: number): void {
    const owner = Object.values(domain).find((definition) => definition.runs?.jobType === job['type']);
    const declaration = owner?.runs;
    const id = declaration ? job[declaration.jobField] : undefined;
    const definition = owner && typeof id === 'string' ? this.store.collection(tenant, owner.name).get(id) : undefined;
    if (!owner || !declaration || !definition) return;
    this.#writeStatus({ tenant, resource: owner.name, doc: definition }, declaration.ended(statusOf(definition), job), at);
  }

  /** A server-side change of the definition: new `_etag` and `_updated`, as for a cluster's state. */
  #writeStatus(definition: Located, status: Fields, at: number): StoredDoc {
    const { tenant, resource, doc } = definition;
    return this.store.write(tenant, resource, doc._id, { ...fieldsOf(doc), status }, { created: doc._created, updated: at });
  }
}

function jobStateOf(doc: StoredDoc): JobState | undefined {
  const state = String(doc['state']);
  return jobMachine.isState(state) ? state : undefined;
}

function statusOf(doc: StoredDoc): Fields {
  const status = doc['status'];
  return status !== null && typeof status === 'object' && !Array.isArray(status) ? (status as Fields) : {};
}

function stepDelay(duration: Delay, state: JobState): Delay {
  if (duration === 'never') return 'never';
  const running = Math.round(duration * RUNNING_SHARE);
  return state === 'RUNNING' ? running : duration - running;
}

function activityLine(at: number, state: JobState, note: string): string {
  return `${httpDate(at)} ${state}: ${note}`;
}
