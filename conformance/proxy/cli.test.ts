// The `proxy` subcommand of the built executable, as users run it (`npm test` builds first).
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startMockServer } from '../../mock/node/server.js';
import type { RunningMock } from '../../mock/node/server.js';
import { startSilentServer } from '../test-support/silent-server.js';

const built = fileURLToPath(new URL('../../dist/mock/cli/main.js', import.meta.url));
const children: ChildProcessWithoutNullStreams[] = [];
const mocks: Array<Pick<RunningMock, 'close'>> = [];
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  await Promise.all(mocks.splice(0).map((mock) => mock.close()));
});

interface Started {
  child: ChildProcessWithoutNullStreams;
  url: string;
  output: () => string;
  exit: Promise<number | null>;
}

async function startCli(args: string[]): Promise<Started> {
  const child = spawn(process.execPath, [built, 'proxy', '--port', '0', ...args]);
  children.push(child);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + 10_000;
  while (!/proxy on (http:\/\/127\.0\.0\.1:\d+)/.test(output)) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the proxy did not start: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { child, url: /proxy on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)![1]!, output: () => output, exit };
}

async function target(): Promise<RunningMock> {
  const mock = await startMockServer({ port: 0 });
  mocks.push(mock);
  return mock;
}

const headers = { Authorization: 'Bearer secret-token-1', 'Content-Type': 'application/json' };
const send = (url: string, init: RequestInit = {}) => fetch(url, { headers, signal: AbortSignal.timeout(5000), ...init });

describe('kubeclusters-mock proxy (the executable)', () => {
  it('stops after --max-requests, prints each violation and the summary by rule, writes the reports, exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kc-proxy-'));
    const mock = await target();
    const proxy = await startCli(['--target', mock.url, '--max-requests', '2', '--report', `junit=${join(dir, 'p.xml')},json=${join(dir, 'p.json')}`]);
    const answer = await send(`${proxy.url}/api/v1/kubeclusters`, { method: 'POST', body: JSON.stringify({ name: 'c1', colour: 'blue' }) });
    expect(answer.status).toBe(422);
    expect((await answer.json()) as object).toMatchObject({ _issues: { colour: 'unknown field' } });
    expect((await send(`${proxy.url}/api/v1/kubeclusters`)).status).toBe(200);
    expect(await proxy.exit).toBe(1);
    const output = proxy.output();
    expect(output).toMatch(/✗ KC-VALID-3 client: expected a POST body as the spec documents it; got \/colour: unknown field ← curl -sS -X POST '.+\/api\/v1\/kubeclusters' -H 'authorization: Bearer \*\*\*'/);
    expect(output).not.toContain('secret-token-1');
    expect(output).toContain('Stopped (2 exchanges).');
    expect(output).toMatch(/2 exchanges, 1 violations \(client 1, server 0\)\nrule +client +server +requirement\nKC-VALID-3 +1 +0 +An unknown field answers 422/);
    expect(readFileSync(join(dir, 'p.xml'), 'utf8')).toContain('<testcase classname="proxy" name="KC-VALID-3 An unknown field answers 422');
    expect(JSON.parse(readFileSync(join(dir, 'p.json'), 'utf8'))).toMatchObject({ exchanges: 2, summary: [{ rule: 'KC-VALID-3', client: 1, server: 0 }] });
  });

  it('prints the summary on Ctrl+C (SIGINT) and exits 0 when every exchange kept the contract', async () => {
    const mock = await target();
    const proxy = await startCli(['--target', mock.url]);
    expect((await send(`${proxy.url}/api/v1/kubeclusters`, { method: 'POST', body: JSON.stringify({ name: 'c1' }) })).status).toBe(201);
    proxy.child.kill('SIGINT');
    expect(await proxy.exit).toBe(0);
    expect(proxy.output()).toContain('Stopped (SIGINT).\n1 exchanges, 0 violations (client 0, server 0)');
  });

  it('PROXY-TIMEOUT --upstream-timeout: a silent server gets a violation and its client a 504; Ctrl+C ends at once, listing the exchange in flight as unanswered', async () => {
    const upstream = await startSilentServer();
    mocks.push(upstream);
    const proxy = await startCli(['--target', upstream.url, '--upstream-timeout', '1']);
    const timedOut = await send(`${proxy.url}/api/v1/kubeclusters`);
    expect(timedOut.status).toBe(504);
    expect(((await timedOut.json()) as { _error: { message: string } })._error.message).toBe(`The upstream server ${upstream.url} did not answer within 1 s (the proxy's --upstream-timeout)`);
    const inFlight = send(`${proxy.url}/api/v1/kubeclusters/5eb599e603f7a77d5223efee`);
    await upstream.receivedAtLeast(2);
    proxy.child.kill('SIGINT');
    expect((await inFlight).status).toBe(504);
    expect(await proxy.exit).toBe(1);
    const output = proxy.output();
    expect(output).toMatch(/✗ PROXY-TIMEOUT server: expected an answer within 1 s \(--upstream-timeout\); got no answer from http:\/\/127\.0\.0\.1:\d+ after 1 s ← curl -sS '.+\/api\/v1\/kubeclusters'/);
    expect(output).toMatch(/Stopped \(SIGINT\)\.\n1 exchanges, 1 violations \(client 0, server 1\)\n.*\nPROXY-TIMEOUT +0 +1 .*\n1 unanswered when the proxy stopped \(their clients got 504\):\n {2}after [\d.]+ s: curl -sS '.+\/api\/v1\/kubeclusters\/5eb599e603f7a77d5223efee'/);
  });

  it('takes the deprecated --timeout <ms> when alone, with a warning, and refuses it beside --upstream-timeout', async () => {
    const mock = await target();
    const proxy = await startCli(['--target', mock.url, '--timeout', '5000']);
    expect(proxy.output()).toContain('proxy: --timeout <ms> is deprecated; use --upstream-timeout <seconds>');
    proxy.child.kill('SIGINT');
    expect(await proxy.exit).toBe(0);
    const both = spawn(process.execPath, [built, 'proxy', '--target', mock.url, '--timeout', '5000', '--upstream-timeout', '5']);
    children.push(both);
    let output = '';
    both.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    expect(await new Promise((resolve) => both.once('exit', resolve))).toBe(2);
    expect(output).toBe('proxy: cannot start: give --upstream-timeout <seconds> only (--timeout <ms> is its deprecated older form)\n');
  });

  it('exits 2 with one clear line when the target is no URL', async () => {
    const child = spawn(process.execPath, [built, 'proxy', '--target', 'not a url']);
    children.push(child);
    let output = '';
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    expect(await new Promise((resolve) => child.once('exit', resolve))).toBe(2);
    expect(output).toBe('proxy: cannot start: --target "not a url" is not a URL\n');
  });
});
