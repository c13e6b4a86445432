import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Example } from './pages.js';
import { runShellExample, scriptFor } from './shell-example.js';

const example = (code: string, line = 10): Example => ({ page: 'docs/x.md', line, kind: 'sh', code });
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('scriptFor', () => {
  it("puts in the test's mock for :4010, the built CLI for npx kubeclusters-mock, and one free port per other port named", async () => {
    const script = await scriptFor(example('npx kubeclusters-mock serve --port 4020 &\ncurl http://127.0.0.1:4020/ http://127.0.0.1:4010/api/v1 127.0.0.1:4011'), 'http://127.0.0.1:4567');
    const body = script.split('\n').slice(1).join('\n');
    expect(body).toMatch(/^node '.*\/dist\/mock\/cli\/main\.js' serve --port (\d+) &\ncurl http:\/\/127\.0\.0\.1:\1\/ http:\/\/127\.0\.0\.1:4567\/api\/v1 127\.0\.0\.1:(\d+)\n$/);
    const [, a, b] = /--port (\d+)[\s\S]*127\.0\.0\.1:(\d+)\n$/.exec(body)!;
    expect(new Set([a, b, '4020', '4011', '4567']).size).toBe(5);
  });

  it("refuses an example that starts a server on the running mock's port", async () => {
    await expect(scriptFor(example('npx kubeclusters-mock serve --port 4010 &'), 'http://127.0.0.1:5000')).rejects.toThrow('docs/x.md:10: an example that starts a server must not take port 4010');
  });
});

describe('runShellExample', () => {
  let cwd: string;
  beforeEach(() => {
    cwd = mkdtempSync(join(tmpdir(), 'kc-docs-harness-'));
  });
  afterEach(() => rmSync(cwd, { recursive: true, force: true }));
  const options = () => ({ mockUrl: 'http://127.0.0.1:1', cwd, timeoutMs: 10_000 });

  it('fails on the first failing command (bash -e), naming its line on the page', async () => {
    const result = await runShellExample(example('echo one\nfalse\necho never'), options());
    expect(result).toMatchObject({ code: 1, timedOut: false });
    expect(result.output).toContain('one\n');
    expect(result.output).toContain('✗ docs/x.md:12 exited 1: false');
    expect(result.output).not.toContain('never');
  });

  it('fails when a command in a pipe fails (pipefail) and on an unset variable (-u)', async () => {
    expect((await runShellExample(example('false | cat'), options())).code).toBe(1);
    expect((await runShellExample(example('echo "$NOT_SET_ANYWHERE"'), options())).code).not.toBe(0);
  });

  it('stops what the example left running in the background once it ends', async () => {
    const result = await runShellExample(example('sleep 300 &\necho $! > pid'), options());
    expect(result.code).toBe(0);
    expect(alive(Number(readFileSync(join(cwd, 'pid'), 'utf8')))).toBe(false);
  });

  it('stops an example that runs past its time, with its background processes', async () => {
    const result = await runShellExample(example('sleep 300 &\necho $! > pid\nwait'), { ...options(), timeoutMs: 500 });
    expect(result.timedOut).toBe(true);
    expect(result.code).not.toBe(0);
    expect(alive(Number(readFileSync(join(cwd, 'pid'), 'utf8')))).toBe(false);
  });
});
