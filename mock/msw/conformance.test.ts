// The conformance suite against the mock reached only through MSW: setupServer in this process, a base
// URL no server listens on, the control API through the MSW-handled /__mock paths.
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requirements } from '../../conformance/requirements.js';
import { runChecks } from '../../conformance/run.js';
import type { CheckResult } from '../../conformance/run.js';
import { IN_PROCESS_TOKENS, configFromEnv, openTarget } from '../../conformance/target.js';
import { createMswMock } from './index.js';

const BASE_URL = 'https://api.cloudcasa.test';
const mock = createMswMock({ baseUrl: BASE_URL, tokens: [...IN_PROCESS_TOKENS], activationDelayMs: 1000 });
const server = setupServer(...mock.handlers);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

const outcomes = (results: readonly CheckResult[]) => Object.fromEntries(results.map((result) => [result.id, result.outcome]));

describe('the conformance suite through MSW', () => {
  it('MSW-CONF-1 every requirement of the catalogue passes through MSW, as it does in-process', { timeout: 120_000 }, async () => {
    const settings = { ...configFromEnv({}), token: IN_PROCESS_TOKENS[0], token2: IN_PROCESS_TOKENS[1] };
    // The real global fetch, which MSW intercepts: nothing listens on api.cloudcasa.test.
    const throughMsw = await runChecks(openTarget({ ...settings, baseUrl: BASE_URL, controlUrl: BASE_URL }, { fetch: (input, init) => fetch(input, init) }));
    const failed = throughMsw.filter((result) => result.outcome === 'failed').map((result) => result.message);
    expect(failed).toEqual([]);
    const inProcess = await runChecks(openTarget({ ...settings, baseUrl: undefined }));
    expect(outcomes(throughMsw)).toEqual(outcomes(inProcess));
    const skipped = throughMsw.filter((result) => result.outcome === 'skipped').map((result) => `${result.id}: ${result.message}`);
    console.info(`through MSW: ${throughMsw.length - skipped.length} passed, ${skipped.length} skipped`);
    // Every requirement of the catalogue ran and passed: the control API reaches the mock through MSW too.
    expect(skipped).toEqual([]);
    expect(throughMsw.map((result) => result.id).sort()).toEqual(requirements.map((requirement) => requirement.id).sort());
    // The control-API checks (the MOCK area) ran through MSW too.
    expect(throughMsw.filter((result) => result.id.startsWith('KC-MOCK-') && result.outcome === 'passed').length).toBeGreaterThan(0);
  });
});
