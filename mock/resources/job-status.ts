// What a definition's status keeps of its runs: the two values both kinds of definition share.
import type { Fields, StoredDoc } from '../store/document.js';

/** `status.last_job_run_time`: the start (epoch seconds) of the last run that ended, 0 before the first. */
export function lastJobRunTime(status: Fields): number {
  const value = status['last_job_run_time'];
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** The job's `start_time`, epoch seconds. */
export function startTimeOf(job: StoredDoc): number {
  const value = job['start_time'];
  return typeof value === 'number' ? value : 0;
}

/** `last_job_run_time` once `job` has ended: its start, unless a later run ended first. */
export function lastRunAfter(status: Fields, job: StoredDoc): number {
  return Math.max(lastJobRunTime(status), startTimeOf(job));
}
