// --record writes real traffic as JSON lines; `serve --fixtures <recording>` turns it into local test data.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startMockServer } from '../../mock/node/server.js';
import { resourceNames } from '../../mock/store/document.js';
import type { RunningMock } from '../../mock/node/server.js';
import { storedView } from '../rules/rule.js';
import type { Doc } from '../rules/rule.js';
import { IN_PROCESS_TOKENS } from '../target.js';
import { carefulSession } from '../test-support/traffic.js';
import { startProxy } from './server.js';

const built = fileURLToPath(new URL('../../dist/mock/cli/main.js', import.meta.url));
const [token] = IN_PROCESS_TOKENS;
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** Every document of a resource as a tenant reads it, in _id order, without the _etag (a new server makes its own). */
async function documents(root: string, resource: string): Promise<Doc[]> {
  const answer = await fetch(`${root}/api/v1/${resource}?max_results=50`, { headers: { Authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(5000) });
  const items = ((await answer.json()) as { _items: Doc[] })._items;
  return items.map((doc) => { const { _etag, ...rest } = storedView(doc); return rest; }).sort((a, b) => String(a['_id']).localeCompare(String(b['_id'])));
}

async function serveRecording(file: string): Promise<string> {
  const child = spawn(process.execPath, [built, 'serve', '--port', '0', '--fixtures', file, '--fixtures-tenant', token]);
  cleanups.push(() => child.kill('SIGKILL'));
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 10_000;
  while (!/Press Ctrl\+C/.test(output)) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`serve did not start: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)![1]!;
}

describe('recording real traffic', () => {
  it('writes every exchange as a JSON line with the token redacted; serve --fixtures loads it and answers the same reads', async () => {
    const mock: RunningMock = await startMockServer({ port: 0, tokens: [...IN_PROCESS_TOKENS] });
    cleanups.push(() => mock.close());
    const file = join(mkdtempSync(join(tmpdir(), 'kc-record-')), 'traffic.jsonl');
    const proxy = await startProxy({ target: mock.url, port: 0, recordPath: file });
    const session = await carefulSession(proxy.url);
    await proxy.close();

    const text = readFileSync(file, 'utf8');
    const lines = text.trim().split('\n').map((line) => JSON.parse(line) as { tenant: string | null; request: { headers: Record<string, string> } });
    expect(lines).toHaveLength(proxy.exchanges);
    expect(text).not.toContain(token);
    expect(lines.find((line) => line.tenant === 'tenant-1')?.request.headers['authorization']).toBe('Bearer ***');

    const copy = await serveRecording(file);
    for (const resource of resourceNames) {
      const original = await documents(mock.url, resource);
      expect(await documents(copy, resource), resource).toEqual(original);
    }
    // The cluster the session deleted stays deleted; the one it activated is ACTIVE there too.
    const deleted = session.exchanges.find((e) => e.request.method === 'DELETE' && e.request.url.includes('/kubeclusters/'))!.request.url.split('/').at(-1);
    expect((await fetch(`${copy}/api/v1/kubeclusters/${deleted}`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(404);
    expect((await documents(copy, 'kubeclusters')).map((doc) => doc['status']?.state)).toContain('ACTIVE');
  });
});
