// The explore command on a port: exit 0 on a mock that keeps the contract, 1 with a shrunk curl
// reproduction (token redacted) on one that does not, 2 when it cannot run; reports written as asked.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startMockServer } from '../../mock/node/server.js';
import { TOKENS } from '../compare/test-support/servers.js';
import { runExploreCli } from './cli.js';

const output: string[] = [];

function captureOutput(): void {
  output.length = 0;
  vi.spyOn(console, 'log').mockImplementation((line: string) => void output.push(line));
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
}

afterEach(() => vi.restoreAllMocks());

async function exploreServed(profile: 'strict' | 'lenient', extra: string[] = [], requests = 150): Promise<number> {
  const mock = await startMockServer({ port: 0, profile, tokens: [...TOKENS] });
  try {
    return await runExploreCli(['--base-url', mock.url, '--control-url', mock.url, '--token', TOKENS[0], '--token2', TOKENS[1], '--requests', String(requests), '--seed', '2', ...extra]);
  } finally {
    await mock.close();
  }
}

describe('kubeclusters-mock explore', () => {
  it('EXPLORE-CLI-1 a mock that keeps the contract: exit 0, "no violation", and the JSON and JUnit reports say so', async () => {
    captureOutput();
    const dir = mkdtempSync(join(tmpdir(), 'explore-'));
    const code = await exploreServed('strict', ['--report', `json=${join(dir, 'r.json')},junit=${join(dir, 'r.xml')}`]);
    expect(code).toBe(0);
    expect(output[0]).toMatch(/^150 requests against http:\/\/127\.0\.0\.1:\d+ \(seed 2, profile strict\) in [\d.]+ s: no violation$/);
    expect(JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'))).toMatchObject({ seed: 2, requests: 150, violations: [] });
    expect(readFileSync(join(dir, 'r.xml'), 'utf8')).toContain('<testcase classname="explore" name="150 requests without a violation"/>');
  });

  it('EXPLORE-CLI-2 a server that deletes without If-Match, judged strictly: exit 1, KC-DELETE-2 with a short curl reproduction, token redacted', async () => {
    captureOutput();
    const dir = mkdtempSync(join(tmpdir(), 'explore-'));
    expect(await exploreServed('lenient', ['--report', `markdown=${join(dir, 'r.md')}`, '--seed', '1'], 600)).toBe(1);
    const text = output.join('\n');
    expect(text).toContain('✗ KC-DELETE-2 (server)');
    const reproduction = text.split('✗ KC-DELETE-2')[1]?.split('\n').filter((line) => line.startsWith('    curl ')) ?? [];
    expect(reproduction.length).toBeGreaterThan(0);
    expect(reproduction.length).toBeLessThanOrEqual(10);
    expect(reproduction.at(-1)).toMatch(/^ {4}curl -sS -X DELETE 'http:\/\/127\.0\.0\.1:\d+\/api\/v1\/\w+\/[0-9a-f]{24}' -H 'Authorization: Bearer \*\*\*'$/);
    expect(text).not.toContain(TOKENS[0]);
    expect(readFileSync(join(dir, 'r.md'), 'utf8')).toContain('| KC-DELETE-2 | server |');
  });

  it('EXPLORE-CLI-3 a bad --report or a refused token: exit 2', async () => {
    captureOutput();
    expect(await runExploreCli(['--base-url', 'http://127.0.0.1:9', '--token', 't', '--report', 'html=x'])).toBe(2);
    expect(await exploreServed('strict', ['--token', 'nobody'])).toBe(2);
  });
});
