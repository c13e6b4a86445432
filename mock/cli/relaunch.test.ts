import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { descendantsOf } from '../bench/process-tree.js';
import { NO_RELAUNCH, heapFlagsFor, needsRelaunch, serveV8Flags } from './relaunch.js';

describe('serveV8Flags', () => {
  it('keeps the young generation through pauses, and collects on the main thread with two cores or fewer', () => {
    expect(serveV8Flags(1)).toEqual(['--no-memory-reducer', '--single-threaded-gc']);
    expect(serveV8Flags(2)).toEqual(['--no-memory-reducer', '--single-threaded-gc']);
    expect(serveV8Flags(8)).toEqual(['--no-memory-reducer']);
  });
});

describe('heapFlagsFor', () => {
  const serve = ['node', 'main.js', 'serve', '--port', '0'];

  it('sizes the first old generation for the clusters --fixtures N generates', () => {
    expect(heapFlagsFor([...serve, '--fixtures', '100000'], [])).toEqual(['--initial-old-space-size=98']);
    expect(heapFlagsFor([...serve, '--fixtures=1000000'], ['--max-old-space-size=6144'])).toEqual(['--initial-old-space-size=977']);
  });

  it('leaves the heap to V8 for small or named fixtures, and to whoever sized it already', () => {
    expect(heapFlagsFor([...serve, '--fixtures', '500'], [])).toEqual([]);
    expect(heapFlagsFor([...serve, '--fixtures', 'seed'], [])).toEqual([]);
    expect(heapFlagsFor(serve, [])).toEqual([]);
    expect(heapFlagsFor([...serve, '--fixtures', '100000'], ['--initial-old-space-size=512'])).toEqual([]);
  });
});

describe('needsRelaunch', () => {
  const serve = ['node', 'main.js', 'serve', '--port', '0'];
  const flags = ['--no-memory-reducer', '--single-threaded-gc'];

  it('relaunches serve on a Node started without the flags, or with some of them', () => {
    expect(needsRelaunch(serve, [], {}, flags)).toBe(true);
    expect(needsRelaunch(serve, ['--max-old-space-size=6144'], {}, flags)).toBe(true);
    expect(needsRelaunch(serve, ['--no-memory-reducer'], {}, flags)).toBe(true);
  });

  it('leaves serve alone when Node already has each flag, or was told the opposite', () => {
    expect(needsRelaunch(serve, flags, {}, flags)).toBe(false);
    expect(needsRelaunch(serve, ['--memory-reducer', '--no-single-threaded-gc'], {}, flags)).toBe(false);
  });

  it(`leaves serve alone when ${NO_RELAUNCH} is set, and never relaunches the other commands`, () => {
    expect(needsRelaunch(serve, [], { [NO_RELAUNCH]: '1' }, flags)).toBe(false);
    for (const command of ['conformance', 'compare', 'proxy', '--help']) expect(needsRelaunch(['node', 'main.js', command], [], {}, flags)).toBe(false);
    expect(needsRelaunch(['node', 'main.js'], [], {}, flags)).toBe(false);
  });
});

// The built executable, as users run it (`npm test` builds first). /proc tells which process serves.
describe.skipIf(!existsSync('/proc/self/stat'))('kubeclusters-mock serve under its launcher', () => {
  const built = fileURLToPath(new URL('../../dist/mock/cli/main.js', import.meta.url));
  const started: ChildProcessWithoutNullStreams[] = [];
  afterEach(() => {
    for (const launcher of started.splice(0)) for (const pid of [launcher.pid as number, ...descendantsOf(launcher.pid as number)]) tryKill(pid);
  });

  async function launch(detached = false): Promise<{ launcher: ChildProcessWithoutNullStreams; url: string; output: () => string }> {
    const launcher = spawn(process.execPath, [built, 'serve', '--port', '0'], { stdio: 'pipe', detached, env: withoutOptOut() });
    started.push(launcher);
    let output = '';
    launcher.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    launcher.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await until(() => /Press Ctrl\+C/.test(output), 'the server to start');
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1] as string;
    return { launcher, url, output: () => output };
  }

  it('serves from a child Node started with the V8 flags', async () => {
    const { launcher, url } = await launch();
    const [server, ...others] = descendantsOf(launcher.pid as number);
    expect(others).toEqual([]);
    const commandLine = readFileSync(`/proc/${server}/cmdline`, 'utf8').split('\0');
    expect(commandLine.slice(1, 1 + serveV8Flags().length)).toEqual(serveV8Flags());
    expect(commandLine).toContain('serve');
    const answer = await fetch(`${url}/api/v1/kubeclusters`, { headers: { Authorization: 'Bearer demo' }, signal: AbortSignal.timeout(5000) });
    expect(answer.status).toBe(200);
  });

  it('stops once, and exits 0, when a Ctrl+C reaches the launcher and the server both', async () => {
    const { launcher, output } = await launch(true);
    const exit = exitOf(launcher);
    process.kill(-(launcher.pid as number), 'SIGINT');
    expect(await exit).toEqual({ code: 0, signal: null });
    expect(output().match(/SIGINT: stopping/g)).toHaveLength(1);
  });

  it('takes the server down with it when the launcher is killed with SIGKILL', async () => {
    const { launcher, url } = await launch();
    const [server] = descendantsOf(launcher.pid as number);
    launcher.kill('SIGKILL');
    await until(() => !isAlive(server as number), 'the server to end');
    await expect(fetch(`${url}/api/v1`, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();
  });
});

function withoutOptOut(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env[NO_RELAUNCH];
  return env;
}

function exitOf(child: ChildProcessWithoutNullStreams): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

/** Whether `pid` runs still: a zombie (ended, not yet reaped by its new parent) does not. */
function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.charAt(stat.lastIndexOf(')') + 2) !== 'Z';
  } catch {
    return false;
  }
}

function tryKill(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
