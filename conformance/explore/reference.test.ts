// explore against the Eve reference (../shared/reference): 3 seeds × 2,000 requests, each on a fresh
// reference, no violation. Skipped, saying why, where the reference cannot run (no Python).
import { describe, expect, it } from 'vitest';
import { TOKENS, startReference } from '../compare/test-support/servers.js';
import { runExplore } from './run.js';
import { described, options } from './test-support/targets.js';

describe('explore against the Eve reference', () => {
  it.for([1, 2, 3])('EXPLORE-REF-1 seed %i: 2,000 requests, every answer as the contract and the model expect', { timeout: 240_000 }, async (seed, context) => {
    const reference = await startReference();
    if (typeof reference === 'string') {
      console.warn(`skipped: ${reference}`);
      return context.skip(reference);
    }
    try {
      const outcome = await runExplore(options(undefined, { baseUrl: reference.url, controlUrl: undefined, token: TOKENS[0], token2: TOKENS[1], seed, requests: 2000, prefix: `explore-ref${seed}-`, shrinkBudget: 20 }));
      if (!outcome.ran) throw new Error(outcome.reason);
      console.log(`explore vs reference, seed ${seed}: ${outcome.result.requests} requests in ${outcome.result.seconds.toFixed(1)} s`);
      expect(outcome.result.requests).toBe(2000);
      expect(outcome.result.violations.map(described)).toEqual([]);
    } finally {
      reference.stop();
    }
  });
});
