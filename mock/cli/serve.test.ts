import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

// The built executable, as users run it (`npm test` builds first), in one process.
const built = fileURLToPath(new URL('../../dist/mock/cli/main.js', import.meta.url));
const AUTH = { Authorization: 'Bearer demo', 'Content-Type': 'application/json' };

describe('kubeclusters-mock serve --noop-write-conflict', () => {
  const started: ChildProcessWithoutNullStreams[] = [];
  afterEach(() => {
    for (const server of started.splice(0)) server.kill('SIGKILL');
  });

  async function serve(...flags: string[]): Promise<string> {
    const server = spawn(process.execPath, [built, 'serve', '--port', '0', ...flags], { stdio: 'pipe', env: { ...process.env, KUBECLUSTERS_MOCK_NO_RELAUNCH: '1' } });
    started.push(server);
    let output = '';
    server.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    for (let waited = 0; !/Press Ctrl\+C/.test(output); waited += 50) {
      if (waited > 10_000) throw new Error(`serve did not start: ${output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1] as string;
  }

  /** POST, PUT a body, then PUT it again at once with the new etag; tries again when the two PUTs fell in different seconds. */
  async function repeatedPut(url: string): Promise<number> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const body = JSON.stringify({ name: `repeat-${attempt}`, description: 'replaced' });
      const created = await (await fetch(`${url}/api/v1/kubeclusters`, { method: 'POST', headers: AUTH, body })).json() as { _id: string; _etag: string };
      const item = `${url}/api/v1/kubeclusters/${created._id}`;
      const first = await (await fetch(item, { method: 'PUT', headers: { ...AUTH, 'If-Match': created._etag }, body })).json() as { _etag: string; _updated: string };
      const second = await fetch(item, { method: 'PUT', headers: { ...AUTH, 'If-Match': first._etag }, body });
      const sameSecond = second.status === 412 || ((await second.json()) as { _updated: string })._updated === first._updated;
      if (sameSecond) return second.status;
    }
    throw new Error('five repeated PUTs each crossed a second');
  }

  it("answers a PUT repeating the previous PUT's document in the same second with Eve's 412", async () => {
    const url = await serve('--noop-write-conflict');
    expect(await repeatedPut(url)).toBe(412);
  });

  it('takes that PUT (200) without the flag', async () => {
    const url = await serve();
    expect(await repeatedPut(url)).toBe(200);
  });
});
