// explore against servers that keep the contract: the mock (in process, 3 seeds × 2,000 requests) finds
// nothing; a seed is a sequence; a server explore cannot use is refused, saying why.
import { describe, expect, it } from 'vitest';
import { generateExploreSequence } from './generate.js';
import { runExplore } from './run.js';
import { described, freshMock, options } from './test-support/targets.js';

describe('explore against the mock', () => {
  it.for([1, 2, 3])('EXPLORE-1 seed %i: 2,000 requests against a fresh mock, every answer as the contract and the model expect', { timeout: 180_000 }, async (seed) => {
    const outcome = await runExplore(options(freshMock(), { seed, requests: 2000, prefix: `explore-mock${seed}-` }));
    if (!outcome.ran) throw new Error(outcome.reason);
    console.log(`explore vs mock, seed ${seed}: ${outcome.result.requests} requests in ${outcome.result.seconds.toFixed(1)} s`);
    expect(outcome.result.requests).toBe(2000);
    expect(outcome.result.violations.map(described)).toEqual([]);
  });

  it('EXPLORE-2 a seed is a sequence: the same seed sends the same requests, another seed others', () => {
    const sequence = (seed: number) => generateExploreSequence({ seed, count: 800, prefix: 'p-', control: true });
    expect(sequence(4)).toEqual(sequence(4));
    expect(sequence(5).map((s) => s.shape)).not.toEqual(sequence(4).map((s) => s.shape));
    const shapes = sequence(4).map((s) => s.shape).join('\n');
    for (const kind of ['POST kubeclusters', 'PATCH objectstores', 'GET kubebackups?', 'action/run', 'GET jobs', 'agent manifest', '[as tenant b]', 'control: advance', 'If-Match', 'PATCH policies', 'PUT kubeoffloads', 'GET jobs/{id}', 'DELETE jobs/{id}']) expect(shapes).toContain(kind);
  });

  it('EXPLORE-3 a token the server refuses, or no server: explore cannot run and says why', async () => {
    expect(await runExplore(options(freshMock(), { token2: 'nobody' }))).toEqual({ ran: false, reason: 'the server refused --token2 (401)' });
    const unreachable = await runExplore(options(undefined, { baseUrl: 'http://127.0.0.1:9', timeoutMs: 2000 }));
    expect(unreachable).toMatchObject({ ran: false, reason: expect.stringMatching(/^unreachable: /) });
  });
});
