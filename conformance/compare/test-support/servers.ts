// Servers for the compare tests: in-process mocks (optionally altered), the mock on a port, and the
// Eve reference started from ../shared/reference on a free port (or the reason it cannot be).
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMock } from '../../../mock/app.js';
import { startMockServer } from '../../../mock/node/server.js';
import type { StartOptions } from '../../../mock/node/server.js';
import type { FetchLike } from '../../client.js';

export const TOKENS = ['tok1', 'tok2'] as const;
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** A fresh in-process mock (strict profile, the two tokens), reached without a port. */
export function inProcessMock(alter?: (request: Request, response: Response) => Promise<Response> | Response): FetchLike {
  const mock = createMock({ tokens: [...TOKENS], activationDelayMs: 0 });
  return async (input, init) => {
    const request = new Request(input, init);
    const response = await mock.app.request(request.clone());
    return alter ? alter(request, response) : response;
  };
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

export interface RunningReference {
  url: string;
  stop(): void;
}

/**
 * The reference's folder: `../shared/reference` beside the repository (a CI clone), else beside the
 * main checkout of this worktree; `KC_REFERENCE_DIR` overrides both.
 */
export function referenceDir(): string | undefined {
  const candidates = [process.env['KC_REFERENCE_DIR'], resolve(REPO_ROOT, '../shared/reference'), besideMainCheckout()];
  return candidates.find((dir): dir is string => dir !== undefined && existsSync(resolve(dir, 'start.sh')));
}

function besideMainCheckout(): string | undefined {
  try {
    const common = execFileSync('git', ['rev-parse', '--path-format=absolute', '--git-common-dir'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    return resolve(dirname(common), '../shared/reference');
  } catch {
    return undefined;
  }
}

/** Starts a fresh reference (empty data) with tokens tok1,tok2, strict; or answers why it cannot. */
export async function startReference(): Promise<RunningReference | string> {
  const dir = referenceDir();
  if (!dir) return 'the Eve reference is not on this host (looked for ../shared/reference/start.sh; set KC_REFERENCE_DIR)';
  if (!existsSync('/usr/bin/python3')) return 'the Eve reference needs /usr/bin/python3, which this host lacks';
  const port = await freePort();
  const started = await new Promise<{ pid?: number; error?: string }>((done) => {
    execFile(resolve(dir, 'start.sh'), [String(port), TOKENS.join(','), 'strict'], { timeout: 60_000 }, (error, stdout, stderr) => {
      const pid = Number(stdout.trim());
      done(error || !Number.isInteger(pid) ? { error: `start.sh failed: ${(stderr || error?.message || stdout).trim().slice(0, 300)}` } : { pid });
    });
  });
  if (started.pid === undefined) return `the Eve reference did not start (${started.error})`;
  const pid = started.pid;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => {
      try {
        process.kill(pid);
      } catch {
        // already gone
      }
    },
  };
}

export interface PairOfServers {
  mockUrl: string;
  referenceUrl: string;
  stop(): Promise<void>;
}

/** A fresh reference and a fresh mock (strict, tokens tok1,tok2, plus `mockOptions`) on 127.0.0.1, or why the reference cannot run. */
export async function startFreshServers(mockOptions: Partial<StartOptions> = {}): Promise<PairOfServers | string> {
  const reference = await startReference();
  if (typeof reference === 'string') return reference;
  const mock = await startMockServer({ port: 0, profile: 'strict', tokens: [...TOKENS], ...mockOptions }).catch((error: Error) => {
    reference.stop();
    throw error;
  });
  return {
    mockUrl: mock.url,
    referenceUrl: reference.url,
    stop: async () => {
      reference.stop();
      await mock.close();
    },
  };
}

/** Runs `body` on fresh servers and stops them afterwards; skips the test, saying why, when the reference cannot run. */
export async function withFreshServers<T>(skip: (note: string) => never, body: (servers: PairOfServers) => Promise<T>): Promise<T> {
  const servers = await startFreshServers();
  if (typeof servers === 'string') {
    console.warn(`skipped: ${servers}`);
    return skip(servers);
  }
  try {
    return await body(servers);
  } finally {
    await servers.stop();
  }
}
