import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { createMock } from '../app.js';
import type { MockOptions } from '../options.js';
import { MockClock } from '../store/clock.js';
import { START } from '../test-support/api.js';
import { ProviderClient } from '../test-support/terraform-provider.js';
import type { FetchLike, Job, Kubebackup } from '../test-support/terraform-provider.js';

const schedule = (retainDays: number, cronSpec: string, locked = false) => ({ retainDays, locked, schedule: { cronSpec } });
const SOURCE = { all_namespaces: true, snapshotPersistentVolumes: true };

/**
 * The provider's flows, in its order: a policy (create, read, PUT), a cluster brought ACTIVE, a
 * kubebackup with that policy run on apply, a second apply (PUT, run: a newer job), a third that adds
 * copy_persistent_volumes (a kubeoffload, the backup's copydef, an offload run), then terraform destroy.
 */
async function replayProviderFlows(provider: ProviderClient, applyAgent: (agentURL: string) => Promise<void>): Promise<Job[]> {
  const policy = await provider.createPolicy({ name: 'tf-policy', timezone: 'America/New_York', schedules: [schedule(7, '30 0 * * MON,FRI')] });
  expect(policy).toMatchObject({ _id: expect.stringMatching(/^[0-9a-f]{24}$/), _etag: expect.stringMatching(/^[0-9a-f]{40}$/), timezone: 'America/New_York' });
  const policyId = policy._id as string;
  const readPolicy = await provider.getPolicy(policyId);
  expect(readPolicy._etag).toBe(policy._etag);
  const updatedPolicy = await provider.updatePolicy(policyId, { name: 'tf-policy', timezone: 'Europe/Berlin', schedules: [schedule(14, '0 4 * * sun', true)] }, readPolicy._etag as string);
  expect(updatedPolicy).toMatchObject({ timezone: 'Europe/Berlin', schedules: [schedule(14, '0 4 * * sun', true)] });
  expect(updatedPolicy._etag).not.toBe(readPolicy._etag);

  const cluster = await provider.createKubecluster('tf-cluster');
  expect(cluster._status).toBe('OK');
  await applyAgent(String((await provider.getKubecluster(cluster._id)).status.agentURL));
  expect((await provider.getKubecluster(cluster._id)).status.state).toBe('ACTIVE');

  // Apply 1: the kubebackup with run_on_apply (ADHOC) and the policy; run, find the job, watch it.
  const plan: Kubebackup = { name: 'tf-backup', cluster: cluster._id, policy: policyId, trigger_type: 'ADHOC', source: SOURCE };
  const backup = await provider.createKubebackup(plan);
  const backupId = backup._id as string;
  expect(backup.status).toEqual({}); // as the provider sent it: Eve keeps a client's status on create; runs own it afterwards
  const first = await provider.runBackupJob(backupId, { copy: false });
  expect(first).toMatchObject({ state: 'COMPLETED', type: 'KUBE_BACKUP', backupdef: backupId, cluster: cluster._id });
  const refreshed = await provider.getKubebackup(backupId);
  expect(refreshed.status?.last_job_run_time).toBe(first.start_time);

  // Apply 2: PUT with the refreshed ETag (status: {} is sent and ignored), run again: the query finds the newer job.
  const put = await provider.updateKubebackup(backupId, plan, refreshed._etag as string);
  expect(put.status).toEqual({ last_job_run_time: first.start_time, jobs: [] });
  const second = await provider.runBackupJob(backupId, { copy: false });
  expect(second._id).not.toBe(first._id);
  expect(second.start_time).toBeGreaterThan(first.start_time);
  expect(second.state).toBe('COMPLETED');

  // Apply 3: copy_persistent_volumes: PUT, a kubeoffload for the backup, PUT copydef (policy moves to the offload), run the offload.
  const current = await provider.getKubebackup(backupId);
  const updated = await provider.updateKubebackup(backupId, plan, current._etag as string);
  const offload = await provider.createKubeoffload({ name: 'tf-backup', cluster: cluster._id, trigger_type: 'ADHOC', backupdef: backupId, run_backup: true, policy: policyId });
  const offloadId = offload._id as string;
  const withCopy = await provider.updateKubebackup(backupId, { ...plan, policy: '', copydef: offloadId }, updated._etag as string);
  expect(withCopy).toMatchObject({ copydef: offloadId });
  expect(withCopy.policy).toBeUndefined();
  const copy = await provider.runBackupJob(offloadId, { copy: true });
  expect(copy).toMatchObject({ state: 'COMPLETED', type: 'KUBE_OFFLOAD', backupdef: backupId });
  expect(copy.start_time).toBeGreaterThan(second.start_time);
  expect((await provider.getKubeoffload(offloadId)).status).toEqual({ last_job_run_time: copy.start_time, jobid: copy._id, state: 'COMPLETED' });

  // terraform destroy: the kubebackup resource deletes its kubeoffload first, then itself; then the policy and the cluster.
  await provider.deleteKubeoffload(offloadId);
  await provider.deleteKubebackup(backupId);
  await provider.deletePolicy(policyId);
  await provider.deleteKubecluster(cluster._id);
  await expect(provider.getPolicy(policyId)).rejects.toThrow(/^status: 404/);
  return [first, second, copy];
}

function inProcess(options: MockOptions) {
  const clock = new MockClock({ frozenAt: START });
  const mock = createMock({ profile: 'lenient', activationDelayMs: 0, clock, ...options });
  const fetchInProcess: FetchLike = (input, init) => mock.app.request(input, init);
  let sleeps = 0;
  const provider = new ProviderClient('http://mock.local', 'tf-token', fetchInProcess, async (ms) => {
    sleeps++;
    clock.advance(ms);
  });
  const applyAgent = async (agentURL: string) => void (await (await fetchInProcess(agentURL)).text());
  return { mock, clock, provider, applyAgent, sleeps: () => sleeps };
}

describe("the Terraform provider's flows, in-process", () => {
  it('policy, kubebackup runs, kubeoffload run and deletes go through with --job-duration 0, no poll waiting', async () => {
    const { provider, applyAgent, sleeps } = inProcess({ jobDurationMs: 0 });
    const jobs = await replayProviderFlows(provider, applyAgent);
    expect(jobs.map((job) => job.type)).toEqual(['KUBE_BACKUP', 'KUBE_BACKUP', 'KUBE_OFFLOAD']);
    expect(sleeps()).toBe(0);
    expect(provider.log.filter((line) => line.startsWith('GET /api/v1/jobs?'))).toHaveLength(3);
  });

  it('with the default duration the provider polls once RUNNING, sleeps 5 s, then reads COMPLETED', async () => {
    const { provider, applyAgent, sleeps } = inProcess({});
    await replayProviderFlows(provider, applyAgent);
    expect(sleeps()).toBe(3);
    const polls = provider.log.filter((line) => /^GET \/api\/v1\/jobs\/[0-9a-f]{24}$/.test(line));
    expect(polls).toHaveLength(6);
  });
});

// Through the built executable, as a developer of such a client runs it (`npm test` builds first).
describe("the Terraform provider's flows against `kubeclusters-mock serve --job-duration 0`", () => {
  const built = fileURLToPath(new URL('../../dist/mock/cli/main.js', import.meta.url));
  let child: ChildProcess | undefined;
  afterEach(() => {
    child?.kill('SIGTERM');
    child = undefined;
  });

  it('replays the whole flow over HTTP; jobs are done when first read', async () => {
    const server = spawn(process.execPath, [built, 'serve', '--port', '0', '--profile', 'lenient', '--job-duration', '0', '--activation-delay', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child = server;
    const url = await listeningUrl(server);
    const config = (await (await fetch(`${url}/__mock/config`, { signal: AbortSignal.timeout(5000) })).json()) as { jobDurationMs: unknown };
    expect(config.jobDurationMs).toBe(0);
    let sleeps = 0;
    const provider = new ProviderClient(url, 'tf-token', fetch, async () => void sleeps++);
    const applyAgent = async (agentURL: string) => void (await (await fetch(agentURL, { signal: AbortSignal.timeout(5000) })).text());
    const jobs = await replayProviderFlows(provider, applyAgent);
    expect(jobs.every((job) => job.state === 'COMPLETED')).toBe(true);
    expect(sleeps).toBe(0);
  });

  it('takes --job-duration in the forms of --activation-delay, and explains a bad one', async () => {
    const server = spawn(process.execPath, [built, 'serve', '--port', '0', '--job-duration', '1.5s'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child = server;
    const url = await listeningUrl(server);
    const config = (await (await fetch(`${url}/__mock/config`, { signal: AbortSignal.timeout(5000) })).json()) as { jobDurationMs: unknown };
    expect(config.jobDurationMs).toBe(1500);
    const result = await promisify(execFile)(process.execPath, [built, 'serve', '--job-duration', 'soon']).catch((error: { code: number; stderr: string }) => error);
    expect(result).toMatchObject({ code: 1 });
    expect((result as { stderr: string }).stderr).toMatch(/--job-duration.*3s, 500ms, 1m, 0 or never/s);
  });
});

async function listeningUrl(server: ChildProcess): Promise<string> {
  let output = '';
  server.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 10_000;
  while (!/Press Ctrl\+C/.test(output)) {
    if (Date.now() > deadline) throw new Error(`the server did not start: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1] as string;
}
