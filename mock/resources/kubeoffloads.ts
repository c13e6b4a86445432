// The kubeoffloads resource (copy definitions): copies the backups of the kubebackup named by `backupdef`,
// which cannot be deleted while this exists; a run starts a job, and `status` follows the latest one.
import type { ResourceDefinition } from './definition.js';
import { lastJobRunTime, lastRunAfter } from './job-status.js';

export const kubeoffloads: ResourceDefinition = {
  name: 'kubeoffloads',
  title: 'Kubeoffload',
  schema: 'KubeoffloadInput',
  patchSchema: 'KubeoffloadPatch',
  serverOwned: [],
  serverKept: ['status'],
  initial: () => ({ status: { last_job_run_time: 0 } }),
  noun: 'copy definition',
  unique: ['name'],
  lookup: [],
  references: [
    { field: 'cluster', resource: 'kubeclusters' },
    { field: 'backupdef', resource: 'kubebackups' },
    { field: 'policy', resource: 'policies' },
    { field: 'offload_provider.user_objectstore', resource: 'objectstores', blocksDelete: false },
  ],
  runs: {
    jobType: 'KUBE_OFFLOAD',
    jobField: 'copydef',
    backupdefOf: (doc) => String(doc['backupdef']),
    started: (status, job) => ({ last_job_run_time: lastJobRunTime(status), jobid: job._id, state: String(job['state']) }),
    // An older run ending after a newer one started moves the time only; jobid and state stay the newer run's.
    ended: (status, job) => {
      const latest = status['jobid'] === undefined || status['jobid'] === job._id;
      return { ...status, last_job_run_time: lastRunAfter(status, job), ...(latest ? { jobid: job._id, state: String(job['state']) } : {}) };
    },
  },
};
