// Every `sh runnable` example in README.md and docs/ runs with `bash -euo pipefail` against a fresh mock
// (the one `npm start` serves: the guide's examples for the token demo), so a renamed flag fails here,
// naming the page and line.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSeedFixtures } from '../fixtures/seed.js';
import { startMockServer } from '../mock/node/server.js';
import type { RunningMock } from '../mock/node/server.js';
import { documentationPages, runnableExamples, whereIs } from './test-support/pages.js';
import { runShellExample } from './test-support/shell-example.js';

const TIMEOUT_MS = 120_000;
const examples = documentationPages()
  .flatMap(runnableExamples)
  .filter((example) => example.kind === 'sh');

describe('the shell examples of README.md and docs/', () => {
  let mock: RunningMock;
  let cwd: string;
  beforeEach(async () => {
    mock = await startMockServer({ port: 0, fixtures: loadSeedFixtures() });
    cwd = mkdtempSync(join(tmpdir(), 'kc-docs-example-'));
  });
  afterEach(async () => {
    await mock.close();
    rmSync(cwd, { recursive: true, force: true });
  });

  it.each(examples.map((example) => [whereIs(example), example] as const))('%s runs and exits 0', async (where, example) => {
    const result = await runShellExample(example, { mockUrl: mock.url, cwd, timeoutMs: TIMEOUT_MS });
    const how = result.timedOut ? `did not end within ${TIMEOUT_MS / 1000} s` : `exited ${result.code ?? result.signal}`;
    expect(result.code, `the example at ${where} ${how}; its output:\n${result.output.slice(-6000)}`).toBe(0);
  }, TIMEOUT_MS + 15_000);
});
