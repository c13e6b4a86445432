import { execFile, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSeedFixtures } from '../../fixtures/seed.js';
import { startMockServer } from './server.js';
import type { RunningMock } from './server.js';

const running: RunningMock[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((mock) => mock.close()));
});

describe('startMockServer', () => {
  it('listens on 127.0.0.1 on a free port and answers over HTTP, with a working control client', async () => {
    const mock = await startMockServer({ port: 0, activationDelayMs: 'never' });
    running.push(mock);
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const headers = { Authorization: 'Bearer t', 'Content-Type': 'application/json' };
    const created = await fetch(`${mock.url}/api/v1/kubeclusters`, { method: 'POST', headers, body: JSON.stringify({ name: 'c1' }), signal: AbortSignal.timeout(5000) });
    expect(created.status).toBe(201);
    const body = (await created.json()) as { _id: string; status: { agentURL: string } };
    expect(created.headers.get('location')).toBe(`${mock.url}/api/v1/kubeclusters/${body._id}`);
    expect(body.status.agentURL.startsWith(`${mock.url}/kubeclusteragents/`)).toBe(true);
    await mock.control.connectAgent(body._id);
    const read = await fetch(`${mock.url}/api/v1/kubeclusters/${body._id}`, { headers, signal: AbortSignal.timeout(5000) });
    expect(((await read.json()) as { status: { state: string } }).status.state).toBe('ACTIVE');
  });

  it('loads fixtures for the first token at start', async () => {
    const mock = await startMockServer({ port: 0, tokens: ['alpha', 'beta'], fixtures: loadSeedFixtures() });
    running.push(mock);
    const list = await fetch(`${mock.url}/api/v1/kubeclusters`, { headers: { Authorization: 'Bearer alpha' }, signal: AbortSignal.timeout(5000) });
    expect(((await list.json()) as { _meta: { total: number } })._meta.total).toBeGreaterThan(0);
  });

  it('says clearly when the port is in use', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      await expect(startMockServer({ port })).rejects.toThrow(`Port ${port} on 127.0.0.1 is already in use`);
    } finally {
      blocker.close();
    }
  });
});

// Runs the built executable, as users do (`npm test` builds first, in its pretest step).
describe('kubeclusters-mock serve (the executable)', () => {
  const built = fileURLToPath(new URL('../../dist/mock/cli/main.js', import.meta.url));

  it('prints its URL and a curl line, answers, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [built, 'serve', '--port', '0', '--fixtures', 'seed'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitFor(() => /Press Ctrl\+C/.test(output), 10_000);
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
    expect(url).toBeDefined();
    expect(output).toContain(`curl -s -H 'Authorization: Bearer demo' ${url}/api/v1/kubeclusters`);
    const list = await fetch(`${url}/api/v1/kubeclusters`, { headers: { Authorization: 'Bearer demo' }, signal: AbortSignal.timeout(5000) });
    expect(list.status).toBe(200);
    const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  });

  it('exits 1 with one clear line when the port is in use', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      const result = await promisify(execFile)(process.execPath, [built, 'serve', '--port', String(port)]).catch((error: { code: number; stderr: string }) => error);
      expect(result).toMatchObject({ code: 1 });
      expect((result as { stderr: string }).stderr.trim()).toBe(`kubeclusters-mock: Port ${port} on 127.0.0.1 is already in use; pick another with --port`);
    } finally {
      blocker.close();
    }
  });

  it('takes its limits from --max-items and --max-body', async () => {
    const child = spawn(process.execPath, [built, 'serve', '--port', '0', '--max-items', '1', '--max-body', '200'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      await waitFor(() => /Press Ctrl\+C/.test(output), 10_000);
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1] as string;
      const post = (body: unknown) =>
        fetch(`${url}/api/v1/kubeclusters`, { method: 'POST', headers: { Authorization: 'Bearer t', 'Content-Type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(5000) });
      expect((await post({ name: 'x'.repeat(250) })).status).toBe(413);
      const anonymous = await fetch(`${url}/api/v1/kubeclusters`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'x'.repeat(250) }), signal: AbortSignal.timeout(5000) });
      expect(anonymous.status).toBe(401);
      expect((await post({ name: 'one' })).status).toBe(201);
      expect((await post({ name: 'two' })).status).toBe(409);
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('answers browsers from the origins given to --cors, and explains a value that is not an origin', async () => {
    const child = spawn(process.execPath, [built, 'serve', '--port', '0', '--cors', 'http://localhost:5173'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      await waitFor(() => /Press Ctrl\+C/.test(output), 10_000);
      expect(output).toContain('CORS:     http://localhost:5173');
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1] as string;
      const headers = { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization' };
      const preflight = await fetch(`${url}/api/v1/kubeclusters`, { method: 'OPTIONS', headers, signal: AbortSignal.timeout(5000) });
      expect(preflight.status).toBe(200);
      expect(preflight.headers.get('access-control-allow-methods')).toBe('GET,POST,OPTIONS,HEAD');
      expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    } finally {
      child.kill('SIGTERM');
    }
    const result = await promisify(execFile)(process.execPath, [built, 'serve', '--cors', 'localhost:5173']).catch((error: { code: number; stderr: string }) => error);
    expect(result).toMatchObject({ code: 1 });
    expect((result as { stderr: string }).stderr).toMatch(/--cors.*"localhost:5173" is not an origin/s);
  });

  it('explains a bad option value', async () => {
    const result = await promisify(execFile)(process.execPath, [built, 'serve', '--activation-delay', 'soon']).catch((error: { code: number; stderr: string }) => error);
    expect(result).toMatchObject({ code: 1 });
    expect((result as { stderr: string }).stderr).toMatch(/--activation-delay.*3s, 500ms/s);
  });
});

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the server to start');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
