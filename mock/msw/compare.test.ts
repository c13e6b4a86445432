// compare between the HTTP mock (a real port) and the MSW mock (setupServer, nothing listening): one
// generated sequence of requests answered alike, over three seeds.
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCompare } from '../../conformance/compare/run.js';
import { startMockServer } from '../node/server.js';
import { createMswMock } from './index.js';

const TOKENS = ['tok1', 'tok2'] as const;
const MSW_URL = 'https://api.cloudcasa.test';
// Requests to the HTTP mock are not MSW's: they pass through to the port.
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
afterAll(() => server.close());

describe('compare, HTTP mock against MSW mock', () => {
  for (const seed of [1, 2, 3]) {
    it(`MSW-COMPARE-${seed} seed ${seed}: 1,000 requests, zero differences`, { timeout: 120_000 }, async () => {
      const http = await startMockServer({ port: 0, tokens: [...TOKENS], activationDelayMs: 0 });
      server.resetHandlers(...createMswMock({ baseUrl: MSW_URL, tokens: [...TOKENS], activationDelayMs: 0 }).handlers);
      try {
        const viaFetch = (input: string, init?: RequestInit) => fetch(input, init);
        const outcome = await runCompare({
          a: { baseUrl: http.url, fetch: viaFetch },
          b: { baseUrl: MSW_URL, fetch: viaFetch },
          token: TOKENS[0],
          token2: TOKENS[1],
          seed,
          requests: 1000,
          prefix: `msw-compare-${seed}-`,
        });
        if (!outcome.ran) throw new Error(outcome.reason);
        expect(outcome.summary.requests).toBe(1000);
        expect(outcome.summary.differences).toEqual([]);
        expect(outcome.summary.allowedCount).toBe(0);
      } finally {
        await http.close();
      }
    });
  }
});
