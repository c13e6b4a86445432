// The package as a user gets it: `npm pack`'s tarball installed with msw and vitest into a fresh
// project outside the repository, whose own Vitest test uses setupServer and createMswMock.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const project = mkdtempSync(join(tmpdir(), 'kubeclusters-mock-packed-'));
afterAll(() => rmSync(project, { recursive: true, force: true }));

const USER_TEST = `
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createMswMock } from 'kubeclusters-mock/msw';

const mock = createMswMock({ baseUrl: 'https://api.cloudcasa.test', tokens: ['t1'] });
const server = setupServer(...mock.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

it('creates a cluster and reads it back through MSW', async () => {
  const headers = { Authorization: 'Bearer t1', 'Content-Type': 'application/json' };
  const created = await fetch('https://api.cloudcasa.test/api/v1/kubeclusters', { method: 'POST', headers, body: JSON.stringify({ name: 'packed' }) });
  expect(created.status).toBe(201);
  const { _id } = await created.json();
  const read = await fetch('https://api.cloudcasa.test/api/v1/kubeclusters/' + _id, { headers });
  expect(await read.json()).toMatchObject({ _id, name: 'packed', status: { state: 'REGISTERED' } });
  expect(await mock.control.journal()).toHaveLength(2);
});
`;

/** Whether the npm registry answers (the install needs it); a reason to skip when it does not. */
async function registryUnreachable(): Promise<string | undefined> {
  try {
    await run('npm', ['ping'], { timeout: 20_000 });
    return undefined;
  } catch (error) {
    return `the npm registry is not reachable (npm ping: ${(error as Error).message.split('\n')[0]})`;
  }
}

describe('the packed package in a fresh project', () => {
  it('MSW-PACK-1 installs from its tarball with msw and vitest, and a user test with setupServer and createMswMock passes', { timeout: 420_000 }, async (test) => {
    const unreachable = await registryUnreachable();
    if (unreachable) test.skip(unreachable);
    // The tarball holds dist as `npm test` built it: packing runs no build (prepare runs only from a git checkout).
    await run('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', project], { cwd: ROOT, timeout: 120_000 });
    const tarball = readdirSync(project).find((name) => name.endsWith('.tgz'));
    expect(tarball).toMatch(/^kubeclusters-mock-.*\.tgz$/);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'packed-user', private: true, type: 'module' }));
    writeFileSync(join(project, 'user.test.js'), USER_TEST);
    await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', `./${tarball}`, 'msw@^2', 'vitest@4.1.12'], { cwd: project, timeout: 300_000 });
    const env = { ...process.env, CI: 'true', NO_COLOR: '1', FORCE_COLOR: '0' };
    const result = await run('npx', ['vitest', 'run', '--root', project], { cwd: project, timeout: 120_000, env }).catch((error: { code?: number; stdout?: string; stderr?: string }) => error);
    expect(`${result.stdout}${result.stderr}`).toMatch(/Tests\s+1 passed \(1\)/);
    expect('code' in result ? result.code : 0).toBe(0);
  });
});
