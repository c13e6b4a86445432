import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createMock } from './mock.js';
import { StateFileError } from './state-file.js';
import type { Snapshot } from '../control/snapshot.js';

const headers = { Authorization: 'Bearer t', 'Content-Type': 'application/json' };
const built = fileURLToPath(new URL('../../dist/mock/cli/main.js', import.meta.url));

function tempState(): string {
  return join(mkdtempSync(join(tmpdir(), 'kc-state-')), 'state.json');
}

function clusterNames(path: string): string[] {
  const snapshot = JSON.parse(readFileSync(path, 'utf8')) as Snapshot;
  return Object.values(snapshot.tenants).flatMap((t) => t.kubeclusters.map((c) => String(c['name'])));
}

describe('the state file (serve --state)', () => {
  it('is written before a write is answered, and loaded by the next mock', async () => {
    const path = tempState();
    const first = createMock({ statePath: path });
    const created = await first.app.request('/api/v1/kubeclusters', { method: 'POST', headers, body: JSON.stringify({ name: 'kept' }) });
    const body = (await created.json()) as { _id: string; _etag: string };
    expect(clusterNames(path)).toEqual(['kept']);
    const second = createMock({ statePath: path });
    const read = await second.app.request(`/api/v1/kubeclusters/${body._id}`, { headers });
    expect(read.status).toBe(200);
    expect(((await read.json()) as { _etag: string })._etag).toBe(body._etag);
  });

  it('is not rewritten by requests that change nothing', async () => {
    const path = tempState();
    const mock = createMock({ statePath: path });
    await mock.app.request('/api/v1/kubeclusters', { method: 'POST', headers, body: JSON.stringify({ name: 'a' }) });
    writeFileSync(path, readFileSync(path, 'utf8') + ' ');
    await mock.app.request('/api/v1/kubeclusters', { headers });
    await mock.app.request('/api/v1/kubeclusters', { method: 'POST', headers, body: JSON.stringify({ description: 'invalid' }) });
    expect(readFileSync(path, 'utf8').endsWith(' ')).toBe(true);
  });

  it('refuses a corrupt or foreign file with a clear error and leaves it untouched', () => {
    for (const content of ['{"format": "kubeclusters-mock-st', '{"some": "other json"}']) {
      const path = tempState();
      writeFileSync(path, content);
      expect(() => createMock({ statePath: path })).toThrow(StateFileError);
      expect(() => createMock({ statePath: path })).toThrow(/left as it is/);
      expect(readFileSync(path, 'utf8')).toBe(content);
    }
  });

  it('makes serve exit 1 with one clear line on a corrupt file', async () => {
    const path = tempState();
    writeFileSync(path, 'not json');
    const child = spawn(process.execPath, [built, 'serve', '--port', '0', '--state', path]);
    const { code, stderr } = await exited(child);
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(path);
    expect(readFileSync(path, 'utf8')).toBe('not json');
  });

  // A writer loop against the real executable, killed with SIGKILL at pseudo-random moments (fixed seed).
  it('keeps every acknowledged write across kill -9 at random moments', async () => {
    const path = tempState();
    const acknowledged: string[] = [];
    let seed = 20261124;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 5; round++) {
      const child = spawn(process.execPath, [built, 'serve', '--port', '0', '--state', path, '--tokens', 't']);
      const url = await listeningUrl(child);
      const deadline = Date.now() + 50 + random() * 250;
      let index = 0;
      const writer = (async () => {
        while (child.exitCode === null && child.signalCode === null) {
          const name = `r${round}-${index++}`;
          try {
            const answer = await fetch(`${url}/api/v1/kubeclusters`, { method: 'POST', headers, body: JSON.stringify({ name }), signal: AbortSignal.timeout(2000) });
            if (answer.status === 201) acknowledged.push(name);
          } catch {
            return;
          }
        }
      })();
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, deadline - Date.now())));
      child.kill('SIGKILL');
      await writer;
      await exited(child);
      const names = clusterNames(path);
      expect(acknowledged.filter((name) => !names.includes(name))).toEqual([]);
    }
    console.log(`persistence: 5 kill -9 rounds, ${acknowledged.length} acknowledged writes, all present after each restart`);
    expect(acknowledged.length).toBeGreaterThan(10);
  }, 60_000);
});

function listeningUrl(child: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`no URL printed: ${output}`)), 10_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /listening on (http:\/\/[\d.]+:\d+)/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve(url);
      }
    });
  });
}

function exited(child: ChildProcessWithoutNullStreams): Promise<{ code: number | null; stderr: string }> {
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve({ code: child.exitCode, stderr });
    child.once('exit', (code) => resolve({ code, stderr }));
  });
}
