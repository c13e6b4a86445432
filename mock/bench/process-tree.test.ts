import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { cpuTicksOf, descendantsOf, rssMbOf } from './process-tree.js';

// A parent Node that starts a child Node, both idle until killed.
const PARENT = `require('node:child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' }); setInterval(() => {}, 1000);`;

describe.skipIf(!existsSync('/proc/self/stat'))('a server process tree read from /proc', () => {
  const pids: number[] = [];
  afterEach(() => {
    for (const pid of pids.splice(0)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  });

  it('finds the processes a process started, and adds up their memory and CPU time', async () => {
    const parent = spawn(process.execPath, ['-e', PARENT], { stdio: 'ignore' });
    pids.push(parent.pid as number);
    let children: number[] = [];
    for (const deadline = Date.now() + 10_000; children.length === 0 && Date.now() < deadline; ) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      children = descendantsOf(parent.pid as number);
    }
    pids.push(...children);
    expect(children).toHaveLength(1);
    expect(descendantsOf(children[0] as number)).toEqual([]);
    const both = [parent.pid as number, ...children];
    expect(rssMbOf(both)).toBeGreaterThan(rssMbOf([parent.pid as number]));
    expect(rssMbOf([parent.pid as number])).toBeGreaterThan(5);
    expect(cpuTicksOf(both)).toBeGreaterThanOrEqual(cpuTicksOf([parent.pid as number]) as number);
  });

  it('counts nothing for processes that are gone', () => {
    const gone = 2 ** 22 + 1; // above Linux's largest pid
    expect(rssMbOf([gone])).toBeNaN();
    expect(cpuTicksOf([gone])).toBeUndefined();
    expect(descendantsOf(gone)).toEqual([]);
  });
});
