// The kubebackups resource (backup definitions): while one names a cluster, the cluster cannot be deleted;
// a run starts a job, and the definition's status follows it.
import type { Fields } from '../store/document.js';
import type { ResourceDefinition } from './definition.js';
import { lastJobRunTime, lastRunAfter } from './job-status.js';

type RunningJob = { _id: string; state: string };

export const kubebackups: ResourceDefinition = {
  name: 'kubebackups',
  title: 'Kubebackup',
  schema: 'KubebackupInput',
  patchSchema: 'KubebackupPatch',
  serverOwned: [],
  // Stored as the client sends it on create (Eve keeps it; the Terraform provider sends `{}`); from then on
  // runs own it, and a run's start sets `last_job_run_time` (0 before the first) and `jobs`.
  serverKept: ['status'],
  noun: 'backup definition',
  unique: ['name'],
  lookup: ['cluster'],
  references: [
    { field: 'cluster', resource: 'kubeclusters' },
    { field: 'policy', resource: 'policies' },
    { field: 'copydef', resource: 'kubeoffloads', blocksDelete: false },
  ],
  runs: {
    jobType: 'KUBE_BACKUP',
    jobField: 'backupdef',
    backupdefOf: (doc) => doc._id,
    // `jobs` lists the runs still going; the provider's Go client reads it as a list of string maps.
    started: (status, job) => ({ ...status, last_job_run_time: lastJobRunTime(status), jobs: [...runningJobs(status), { _id: job._id, state: String(job['state']) }] }),
    ended: (status, job) => ({ ...status, last_job_run_time: lastRunAfter(status, job), jobs: runningJobs(status).filter((running) => running._id !== job._id) }),
  },
};

function runningJobs(status: Fields): RunningJob[] {
  const jobs = status['jobs'];
  return Array.isArray(jobs) ? (jobs as RunningJob[]) : [];
}
