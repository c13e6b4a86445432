// Targets for explore's tests: a fresh in-process mock (default timings, control API at the same root)
// and the options every test run shares.
import { createMock } from '../../../mock/app.js';
import type { FetchLike } from '../../client.js';
import { TOKENS } from '../../compare/test-support/servers.js';
import type { ExploreOptions } from '../run.js';

export const IN_PROCESS = 'http://explore.local';

export function freshMock(): FetchLike {
  const mock = createMock({ tokens: [...TOKENS] });
  return async (input, init) => mock.app.request(new Request(input, init));
}

export function options(fetch: FetchLike | undefined, overrides: Partial<ExploreOptions> = {}): ExploreOptions {
  return {
    baseUrl: IN_PROCESS,
    controlUrl: IN_PROCESS,
    token: TOKENS[0],
    token2: TOKENS[1],
    timeoutMs: 10_000,
    seed: 1,
    requests: 200,
    profile: 'strict',
    prefix: 'explore-test-',
    ...(fetch ? { fetch } : {}),
    ...overrides,
  };
}

/** One line per violation, for an assertion message that says what was found. */
export const described = (v: { rule: string; expected: string; got: string; shape: string }) => `${v.rule} at ${v.shape}: expected ${v.expected}; got ${v.got}`;
