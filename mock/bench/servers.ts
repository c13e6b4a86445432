// The servers a benchmark run compares, each in its own process (so RSS is its own): bare Hono (the
// ceiling), the mock as users run it, and on request Prism and json-server, installed on demand.
import { spawn, execFileSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateFixtures } from '../../fixtures/generate.js';
import { cpuTicksOf, descendantsOf, rssMbOf } from './process-tree.js';

export interface RunningServer {
  name: string;
  url: string;
  /** What every request sends as Authorization. */
  token: string;
  /** Where the collection routes start: `/api/v1`, or '' for servers that ignore the spec's server URL. */
  apiPrefix: string;
  child: ChildProcess;
  /** Milliseconds from spawn to the first answered request. */
  startupMs: number;
  /** Resident memory of the server's processes: the one spawned and those it started (the mock's executable relaunches Node). */
  rssMb(): number;
  /** CPU clock ticks those processes have used; undefined where /proc is not. */
  cpuTicks(): number | undefined;
  stop(): Promise<void>;
}

const packageRoot = fileURLToPath(new URL('../../../', import.meta.url));
const peerCache = join(packageRoot, 'node_modules', '.cache', 'kubeclusters-bench');
const PEERS = { prism: '@stoplight/prism-cli@5', jsonServer: 'json-server@0.17.4' };

export function startBare(port: number): Promise<RunningServer> {
  const script = fileURLToPath(new URL('./bare-server.js', import.meta.url));
  return launch('bare Hono', process.execPath, [script, String(port)], port, 'bench');
}

export function startMock(port: number, clusters: number): Promise<RunningServer> {
  const cli = fileURLToPath(new URL('../cli/main.js', import.meta.url));
  const args = [cli, 'serve', '--port', String(port), '--tokens', 'bench', '--activation-delay', 'never'];
  if (clusters > 0) args.push('--fixtures', String(clusters));
  return launch('kubeclusters-mock', process.execPath, ['--max-old-space-size=6144', ...args], port, 'bench', 600_000);
}

export async function startPrism(port: number, log: (line: string) => void): Promise<RunningServer> {
  installPeers(log);
  const bin = join(peerCache, 'node_modules', '@stoplight', 'prism-cli', 'dist', 'index.js');
  const spec = join(packageRoot, 'spec', 'kubeclusters.openapi.yaml');
  return launch('Prism', process.execPath, [bin, 'mock', spec, '-h', '127.0.0.1', '-p', String(port), '--errors', 'false'], port, 'bench', 120_000, '');
}

export async function startJsonServer(port: number, clusters: number, log: (line: string) => void): Promise<RunningServer> {
  installPeers(log);
  const db = join(peerCache, `db-${clusters}.json`);
  if (!existsSync(db)) writeJsonServerDb(db, clusters);
  const bin = join(peerCache, 'node_modules', 'json-server', 'lib', 'cli', 'bin.js');
  return launch('json-server', process.execPath, ['--max-old-space-size=6144', bin, '--port', String(port), '--host', '127.0.0.1', '--quiet', db], port, 'bench', 120_000, '');
}

/** json-server keys items by `id`; the same generated clusters, renamed so. */
function writeJsonServerDb(path: string, clusters: number): void {
  const fixtures = generateFixtures({ count: Math.max(clusters, 100) });
  const kubeclusters = fixtures.kubeclusters.map(({ _id, ...rest }) => ({ id: _id, _id, ...rest }));
  writeFileSync(path, JSON.stringify({ kubeclusters }));
}

function installPeers(log: (line: string) => void): void {
  const installed = join(peerCache, 'installed.json');
  const wanted = JSON.stringify(PEERS);
  if (existsSync(installed) && readFileSync(installed, 'utf8') === wanted) return;
  mkdirSync(peerCache, { recursive: true });
  log(`installing ${Object.values(PEERS).join(' and ')} into ${peerCache} (once)…`);
  writeFileSync(join(peerCache, 'package.json'), JSON.stringify({ name: 'kubeclusters-bench-peers', private: true }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...Object.values(PEERS)], { cwd: peerCache, stdio: 'inherit' });
  writeFileSync(installed, wanted);
}

async function launch(name: string, command: string, args: string[], port: number, token: string, readyTimeoutMs = 60_000, apiPrefix = '/api/v1'): Promise<RunningServer> {
  const started = performance.now();
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  // One cluster in the answer whoever serves it (json-server pages with `_limit`): a whole collection would not come back within the probe's second.
  await waitUntilAnswering(`${url}${apiPrefix}/kubeclusters?max_results=1&_limit=1`, token, child, readyTimeoutMs, () => output);
  const startupMs = performance.now() - started;
  const processes = [child.pid as number, ...descendantsOf(child.pid as number)];
  return {
    name,
    url,
    token,
    apiPrefix,
    child,
    startupMs,
    rssMb: () => rssMbOf(processes),
    cpuTicks: () => cpuTicksOf(processes),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}

async function waitUntilAnswering(url: string, token: string, child: ChildProcess, timeoutMs: number, output: () => string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}) before answering:\n${output()}`);
    try {
      const response = await fetch(url, { headers: { Authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(1000) });
      await response.arrayBuffer();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
  child.kill('SIGKILL');
  throw new Error(`no answer from ${url} within ${timeoutMs} ms:\n${output()}`);
}
