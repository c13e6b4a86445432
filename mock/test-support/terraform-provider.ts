// The Terraform provider's client package (catalogicsoftware/terraform-provider-cloudcasa, cloudcasa/client)
// replayed request for request: the same paths, headers, bodies (as Go marshals its structs, `omitempty`
// and all), job query and polling. Tests drive the mock through it to prove the provider's flows work.
import { ResponseChecker } from '../../spec/responses.js';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response> | Response;
/** The provider sleeps 5 s between polls; tests move the mock's clock instead, or count the sleeps. */
export type Sleep = (ms: number) => Promise<void>;

export interface PolicySchedule {
  retainDays: number;
  locked: boolean;
  schedule: { cronSpec: string };
}

export interface Policy {
  _id?: string;
  name: string;
  timezone: string;
  schedules: PolicySchedule[];
  _etag?: string;
}

export interface Kubebackup {
  _id?: string;
  name: string;
  cluster: string;
  policy?: string;
  trigger_type?: string;
  copydef?: string;
  _etag?: string;
  source: { all_namespaces: boolean; snapshotPersistentVolumes: boolean; namespaces?: string[] };
  status?: { last_job_run_time?: number; jobs?: Array<Record<string, string>> };
}

export interface Kubeoffload {
  _id?: string;
  name: string;
  cluster: string;
  trigger_type: string;
  backupdef: string;
  run_backup?: boolean;
  policy?: string;
  offload_provider?: { user_objectstore?: string };
  _etag?: string;
  status?: { last_job_run_time?: number; jobid?: string; state?: string };
}

export interface Job {
  _id: string;
  name: string;
  type: string;
  state: string;
  start_time: number;
  cluster: string;
  backupdef: string;
  activity?: string[];
}

/** `WatchJobUntilComplete`'s done states: a FAILED job is not among them (the provider waits it out). */
export const PROVIDER_DONE_STATES = ['COMPLETED', 'SKIPPED', 'PARTIAL', 'CANCELLED'];
const EXCLUDED_JOB_TYPES = ['DELETE_BACKUP', 'AWSRDS_BACKUP_DELETE', 'AGENT_UPDATE'];
const POLL_MS = 5000;

export class ProviderClient {
  /** Every request made, as `METHOD /api/v1/…?query`, in order. */
  readonly log: string[] = [];
  readonly #apiUrl: string;
  readonly #checker = new ResponseChecker();

  /** `serverUrl` is the mock's root; the provider appends `/api/v1/` as it does to its `cloudcasa_url`. */
  constructor(
    serverUrl: string,
    private readonly apiKey: string,
    private readonly fetchImpl: FetchLike,
    private readonly sleep: Sleep,
  ) {
    this.#apiUrl = `${serverUrl.replace(/\/+$/, '')}/api/v1/`;
  }

  createPolicy(policy: Policy): Promise<Policy> {
    return this.#do('POST', 'policies', policyBody(policy));
  }

  getPolicy(id: string): Promise<Policy> {
    return this.#do('GET', `policies/${id}`);
  }

  updatePolicy(id: string, policy: Policy, etag: string): Promise<Policy> {
    return this.#do('PUT', `policies/${id}`, policyBody(policy), etag);
  }

  deletePolicy(id: string): Promise<unknown> {
    return this.#do('DELETE', `policies/${id}`);
  }

  createKubecluster(name: string): Promise<{ _id: string; _status: string }> {
    return this.#do('POST', 'kubeclusters', { name });
  }

  getKubecluster(id: string): Promise<{ _id: string; _etag: string; status: { state: string; agentURL?: string } }> {
    return this.#do('GET', `kubeclusters/${id}`);
  }

  deleteKubecluster(id: string): Promise<unknown> {
    return this.#do('DELETE', `kubeclusters/${id}`);
  }

  createKubebackup(backup: Kubebackup): Promise<Kubebackup> {
    return this.#do('POST', 'kubebackups', kubebackupBody(backup));
  }

  getKubebackup(id: string): Promise<Kubebackup> {
    return this.#do('GET', `kubebackups/${id}`);
  }

  updateKubebackup(id: string, backup: Kubebackup, etag: string): Promise<Kubebackup> {
    return this.#do('PUT', `kubebackups/${id}`, kubebackupBody(backup), etag);
  }

  deleteKubebackup(id: string): Promise<unknown> {
    return this.#do('DELETE', `kubebackups/${id}`);
  }

  createKubeoffload(offload: Kubeoffload): Promise<Kubeoffload> {
    return this.#do('POST', 'kubeoffloads', kubeoffloadBody(offload));
  }

  getKubeoffload(id: string): Promise<Kubeoffload> {
    return this.#do('GET', `kubeoffloads/${id}`);
  }

  deleteKubeoffload(id: string): Promise<unknown> {
    return this.#do('DELETE', `kubeoffloads/${id}`);
  }

  runKubebackup(id: string, retention: number): Promise<Kubebackup> {
    return this.#do('POST', `kubebackups/${id}/action/run`, runBody(retention));
  }

  runKubeoffload(id: string, retention: number): Promise<Kubeoffload> {
    return this.#do('POST', `kubeoffloads/${id}/action/run`, runBody(retention));
  }

  /** `GetJobFromBackupdef`: up to 11 tries, 5 s apart, for a job of `backupId` started after `lastRunTime`. */
  async getJobFromBackupdef(backupId: string, lastRunTime: number): Promise<Job> {
    const where = `{"type":{"$nin":${JSON.stringify(EXCLUDED_JOB_TYPES)}},"backupdef":"${backupId}","start_time":{"$gt":${lastRunTime}}}`;
    const query = new URLSearchParams({ where, sort: '-start_time', page: '1', max_results: '5' });
    for (let attempt = 1; attempt < 12; attempt++) {
      const jobs = await this.#do<{ _items: Job[] }>('GET', `jobs?${query.toString()}`);
      const [newest] = jobs._items;
      if (newest) return newest;
      await this.sleep(POLL_MS);
    }
    throw new Error(`could not find job created by kubebackup ${backupId}`);
  }

  /** `WatchJobUntilComplete`: up to 59 polls, 5 s apart, until a done state. */
  async watchJobUntilComplete(jobId: string): Promise<Job> {
    for (let attempt = 1; attempt < 60; attempt++) {
      const job = await this.#do<Job>('GET', `jobs/${jobId}`);
      if (PROVIDER_DONE_STATES.includes(job.state)) return job;
      await this.sleep(POLL_MS);
    }
    throw new Error(`timed out waiting for job ${jobId} to complete`);
  }

  /** `runBackupJob` of the kubebackup resource: run (the offload when copying), find the job, watch it. */
  async runBackupJob(backupId: string, options: { copy: boolean; retention?: number }): Promise<Job> {
    const retention = options.retention ?? 7;
    const run = options.copy ? await this.runKubeoffload(backupId, retention) : await this.runKubebackup(backupId, retention);
    const jobOwner = options.copy ? String((run as Kubeoffload).backupdef) : String(run._id);
    const job = await this.getJobFromBackupdef(jobOwner, run.status?.last_job_run_time ?? 0);
    return this.watchJobUntilComplete(job._id);
  }

  /** `doRequest`: bearer token, JSON both ways on every request, any non-2xx is an error. */
  async #do<T>(method: string, path: string, body?: unknown, etag?: string): Promise<T> {
    const headers: Record<string, string> = { Authorization: `Bearer ${this.apiKey}`, 'Content-Type': 'application/json', Accept: 'application/json' };
    if (etag !== undefined) headers['If-Match'] = etag;
    const init: RequestInit = { method, headers, signal: AbortSignal.timeout(10_000) };
    if (body !== undefined) init.body = JSON.stringify(body);
    const url = new URL(path, this.#apiUrl);
    this.log.push(`${method} ${url.pathname}${url.search}`);
    const response = await this.fetchImpl(url.href, init);
    const text = await response.text();
    const parsed = text === '' ? undefined : (JSON.parse(text) as unknown);
    if (response.status < 200 || response.status >= 300) throw new Error(`status: ${response.status}, body: ${text}`);
    const problems = this.#checker.check({ method, path: url.pathname, status: response.status, headers: response.headers, body: parsed });
    if (problems.length > 0) throw new Error(`${method} ${url.pathname} → ${response.status} differs from the spec: ${problems.join('; ')}`);
    return parsed as T;
  }
}

// Go's encoding/json: every field without `omitempty` is sent, zero or not; `omitempty` drops "", 0,
// false, nil; a struct-typed field is never dropped (so `status` and `offload_provider` go as `{}`).

function policyBody(policy: Policy): Record<string, unknown> {
  return { ...(policy._id ? { _id: policy._id } : {}), name: policy.name, timezone: policy.timezone, schedules: policy.schedules, ...(policy._etag ? { _etag: policy._etag } : {}) };
}

function kubebackupBody(backup: Kubebackup): Record<string, unknown> {
  return {
    name: backup.name,
    cluster: backup.cluster,
    ...omitEmpty({ policy: backup.policy, trigger_type: backup.trigger_type, copydef: backup.copydef }),
    source: { all_namespaces: backup.source.all_namespaces, snapshotPersistentVolumes: backup.source.snapshotPersistentVolumes, ...omitEmpty({ namespaces: backup.source.namespaces }) },
    status: {},
  };
}

function kubeoffloadBody(offload: Kubeoffload): Record<string, unknown> {
  return {
    name: offload.name,
    cluster: offload.cluster,
    trigger_type: offload.trigger_type,
    backupdef: offload.backupdef,
    ...omitEmpty({ run_backup: offload.run_backup, policy: offload.policy }),
    offload_provider: omitEmpty({ user_objectstore: offload.offload_provider?.user_objectstore }),
    status: {},
  };
}

function runBody(retention: number): Record<string, unknown> {
  return { retention: { retainDays: retention }, runBackup: true };
}

function omitEmpty(fields: Record<string, unknown>): Record<string, unknown> {
  const isEmpty = (value: unknown) => value === undefined || value === '' || value === 0 || value === false || (Array.isArray(value) && value.length === 0);
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => !isEmpty(value)));
}
