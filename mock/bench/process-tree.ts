// A server's processes as /proc (Linux) shows them: its descendants, their resident memory and CPU time.
import { readdirSync, readFileSync } from 'node:fs';

/** Every process started, directly or not, by `pid`; none where /proc is not. */
export function descendantsOf(pid: number): number[] {
  const childrenOf = new Map<number, number[]>();
  for (const entry of listProc()) {
    const parent = Number(statFields(entry)?.[1]);
    if (!childrenOf.has(parent)) childrenOf.set(parent, []);
    childrenOf.get(parent)?.push(entry);
  }
  const found: number[] = [];
  for (const queue = [pid]; queue.length > 0; ) {
    const children = childrenOf.get(queue.shift() as number) ?? [];
    found.push(...children);
    queue.push(...children);
  }
  return found;
}

/** Resident set size in MB of `pids` together (a process gone counts nothing); NaN where /proc is not. */
export function rssMbOf(pids: readonly number[]): number {
  const statuses = pids.map((pid) => readProc(`${pid}/status`)).filter((status) => status !== undefined);
  if (statuses.length === 0) return Number.NaN;
  return statuses.reduce((kb, status) => kb + Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0), 0) / 1024;
}

/** User and system clock ticks `pids` have used together; undefined when none of them can be read. */
export function cpuTicksOf(pids: readonly number[]): number | undefined {
  let ticks: number | undefined;
  for (const pid of pids) {
    const fields = statFields(pid);
    if (fields) ticks = (ticks ?? 0) + Number(fields[11]) + Number(fields[12]);
  }
  return ticks;
}

/** The fields of /proc/<pid>/stat after the command name (which may hold spaces and parentheses): [state, ppid, …]. */
function statFields(pid: number): string[] | undefined {
  const stat = readProc(`${pid}/stat`);
  return stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
}

function listProc(): number[] {
  try {
    return readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).map(Number);
  } catch {
    return [];
  }
}

function readProc(path: string): string | undefined {
  try {
    return readFileSync(`/proc/${path}`, 'utf8');
  } catch {
    return undefined;
  }
}
