import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// The built executable and the two files it may load the commands from (`npm test` builds first).
const built = (name: string) => fileURLToPath(new URL(`../../dist/mock/cli/${name}`, import.meta.url));
const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
const run = promisify(execFile);

describe.skipIf(!existsSync(built('program.bundle.js')))('kubeclusters-mock --version', () => {
  it.each([
    ['main.js', '--version'],
    ['main.js', '-V'],
    ['program.bundle.js', '--version'],
    ['program.js', '-V'],
  ])('%s %s prints the version in package.json and exits 0, from any working directory', async (file, flag) => {
    // execFile rejects on a non-zero exit: resolving is the exit code 0.
    const { stdout, stderr } = await run(process.execPath, [built(file), flag], { cwd: tmpdir(), timeout: 10_000 });
    expect(stdout).toBe(`${version}\n`);
    expect(stderr).toBe('');
  });
});
