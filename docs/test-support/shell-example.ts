// Runs a documentation shell example as a reader would paste it, against a mock the test started:
// `bash -euo pipefail` in a scratch directory, bounded in time, every process it left behind stopped.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { repoRoot, whereIs } from './pages.js';
import type { Example } from './pages.js';

/** The address examples use for the running mock (`npm start`'s); the test puts its own mock's URL there. */
export const MOCK_URL = 'http://127.0.0.1:4010';
const MOCK_PORT = 4010;
const CLI = 'npx kubeclusters-mock';
const builtCli = `node '${join(repoRoot, 'dist/mock/cli/main.js').replace(/'/g, "'\\''")}'`;
/** Another local server an example starts itself (`--port 4020`, `127.0.0.1:4020`): given a free port instead, so runs never collide. */
const OTHER_PORT = /(127\.0\.0\.1:|--port[ =]|-p )(4\d{3})\b/g;

export interface ShellResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  /** stdout and stderr as they came, the last 64 kB. */
  output: string;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The script bash runs: the example with the mock's URL, the built CLI and free ports put in, and a trap naming the failing line. */
export async function scriptFor(example: Example, mockUrl: string): Promise<string> {
  const ports = new Map<number, number>();
  for (const match of example.code.replaceAll(MOCK_URL, '').matchAll(OTHER_PORT)) {
    const port = Number(match[2]);
    if (port === MOCK_PORT) throw new Error(`${whereIs(example)}: an example that starts a server must not take port ${MOCK_PORT}, the running mock's; use 4020 or another`);
    if (!ports.has(port)) ports.set(port, await freePort());
  }
  // Ports first, piece by piece between the mock's URLs: the mock's own port may be a 4xxx too.
  const body = example.code
    .split(MOCK_URL)
    .map((piece) => piece.replace(OTHER_PORT, (_all, prefix: string, port: string) => `${prefix}${ports.get(Number(port))}`))
    .join(mockUrl)
    .replaceAll(CLI, builtCli);
  // One line, so the example's line k is the script's line k + 1 and LINENO maps back to the page.
  const trap = `trap 'kc_status=$?; echo "✗ ${example.page}:$((LINENO + ${example.line - 1})) exited $kc_status: $BASH_COMMAND" >&2' ERR`;
  return `${trap}\n${body}\n`;
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stops every process of the example's group (servers it started with `&`): SIGTERM, then SIGKILL after 3 s. */
async function stopGroup(pid: number): Promise<void> {
  const signal = (name: NodeJS.Signals) => {
    if (groupAlive(pid)) process.kill(-pid, name);
  };
  signal('SIGTERM');
  const deadline = Date.now() + 3000;
  while (groupAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  signal('SIGKILL');
}

export async function runShellExample(example: Example, options: { mockUrl: string; cwd: string; timeoutMs: number }): Promise<ShellResult> {
  const file = join(options.cwd, 'example.sh');
  writeFileSync(file, await scriptFor(example, options.mockUrl));
  // Its own process group (detached), so the servers an example starts in the background are stopped with it.
  const child = spawn('bash', ['-euo', 'pipefail', file], { cwd: options.cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-65_536));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    void stopGroup(child.pid!);
  }, options.timeoutMs);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.once('exit', (...exit) => resolve(exit)));
  clearTimeout(timer);
  await stopGroup(child.pid!);
  return { code, signal, timedOut, output };
}
