// `serve` runs in a Node started with the V8 flags a server under bursty load wants: the executable
// starts it again with them (V8 reads them only at start-up), stays beside it, and ends as it ends.
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';

/**
 * The V8 flags `serve` runs with, measured with `npm run bench` on a machine of two cores:
 * - `--no-memory-reducer`: test traffic comes in bursts, and in each pause V8's memory reducer
 *   shrank the young generation; writes keep little and did not grow it back, so a PATCH burst ran
 *   about 400 scavenges in 8 s instead of 100–160, and PATCH fell from about 0.7 to 0.55 × bare Hono.
 * - `--single-threaded-gc`, with two cores or fewer only: the collector's helper threads then take
 *   the core the mock's clients run on. A GET cost 41 µs of CPU instead of 52, and 100,000 clusters
 *   loaded 0.3 s sooner. With more cores the helpers have cores of their own.
 */
export function serveV8Flags(cores = availableParallelism()): string[] {
  return cores <= 2 ? ['--no-memory-reducer', '--single-threaded-gc'] : ['--no-memory-reducer'];
}

/** Heap per generated cluster (with its share of object stores and backups), rounded up: about 0.7 kB are kept. */
const KB_PER_GENERATED_CLUSTER = 1;
/** Below this many clusters V8's own first limit is large enough. */
const SIZED_FROM_CLUSTERS = 20_000;

/**
 * `--initial-old-space-size` for `serve --fixtures N`: room for the N clusters to be generated, so
 * V8 does not mark the heap again and again while it is being filled (each time it has grown past
 * its last limit). After its first full collection V8 sizes the heap from what is live, as ever.
 * 100,000 clusters loaded about 35 ms sooner, 1,000,000 about 0.8 s sooner. Nothing when Node was
 * given a size already.
 */
export function heapFlagsFor(argv: readonly string[], execArgv: readonly string[]): string[] {
  if (execArgv.some((flag) => flag.startsWith('--initial-old-space-size'))) return [];
  const clusters = generatedClusters(argv);
  if (clusters === undefined || clusters < SIZED_FROM_CLUSTERS) return [];
  return [`--initial-old-space-size=${Math.ceil((clusters * KB_PER_GENERATED_CLUSTER) / 1024)}`];
}

/** N of `--fixtures N` (or `--fixtures=N`). */
function generatedClusters(argv: readonly string[]): number | undefined {
  const at = argv.findIndex((arg) => arg === '--fixtures' || arg.startsWith('--fixtures='));
  const value = at < 0 ? undefined : argv[at]?.startsWith('--fixtures=') ? argv[at]?.slice('--fixtures='.length) : argv[at + 1];
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}

/** Set (to anything) to run `serve` in this process as Node was started. */
export const NO_RELAUNCH = 'KUBECLUSTERS_MOCK_NO_RELAUNCH';
/** Tells the relaunched server that its launcher is its parent, whose end is its own. */
const LAUNCHED = 'KUBECLUSTERS_MOCK_LAUNCHED';
const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Whether this command is `serve` on a Node without the flags (nor a choice of its own about each). */
export function needsRelaunch(argv: readonly string[], execArgv: readonly string[], env: NodeJS.ProcessEnv, flags = serveV8Flags()): boolean {
  if (argv[2] !== 'serve' || env[NO_RELAUNCH] !== undefined) return false;
  const chosen = (flag: string) => execArgv.some((given) => given === flag || given === opposite(flag));
  return !flags.every(chosen);
}

/** `--no-x` for `--x` and back. */
function opposite(flag: string): string {
  return flag.startsWith('--no-') ? `--${flag.slice(5)}` : `--no-${flag.slice(2)}`;
}

/**
 * Runs this command again in a child Node with the flags. Signals sent here are passed on (the
 * server stops once, whoever sent them); the child's exit status or signal becomes this process's.
 */
export function relaunch(): void {
  const flags = [...serveV8Flags(), ...heapFlagsFor(process.argv, process.execArgv)];
  const child = spawn(process.execPath, [...process.execArgv, ...flags, ...process.argv.slice(1)], {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, [LAUNCHED]: '1' },
  });
  const forwarders = FORWARDED.map((signal) => [signal, () => child.kill(signal)] as const);
  for (const [signal, forward] of forwarders) process.on(signal, forward);
  child.once('error', (error) => {
    console.error(`kubeclusters-mock: could not start the server: ${error.message}`);
    process.exit(1);
  });
  child.once('exit', (code, signal) => {
    for (const [name, forward] of forwarders) process.off(name, forward);
    if (signal) process.kill(process.pid, signal);
    else process.exit(code ?? 1);
  });
}

/**
 * In a relaunched server: end with the launcher. Its IPC channel closes when it goes, even by
 * SIGKILL, which it cannot pass on; a server left behind would keep the port and the state file.
 */
export function followLauncher(): void {
  if (process.env[LAUNCHED] === undefined || !process.channel) return;
  delete process.env[LAUNCHED];
  process.channel.unref();
  process.once('disconnect', () => process.exit(1));
}
