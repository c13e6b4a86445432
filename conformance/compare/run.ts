// `compare` as a library call: checks both servers can be compared, replays one generated sequence
// against both, removes what it created and answers the summary. The CLI only parses flags around it.
import { ApiClient } from '../client.js';
import type { FetchLike } from '../client.js';
import type { AllowedDifference } from './allowed-differences.js';
import { compareStartingData, removeRunData } from './baseline.js';
import { generateSequence } from './generate.js';
import { replay } from './replay.js';
import type { ReplayResult } from './replay.js';
import { summarise } from './report.js';
import type { Summary } from './report.js';
import { Side } from './side.js';

export interface ServerTarget {
  baseUrl: string;
  /** In-process servers: a fetch that calls the app. */
  fetch?: FetchLike;
}

export interface CompareOptions {
  a: ServerTarget;
  b: ServerTarget;
  token: string;
  token2: string;
  seed: number;
  requests: number;
  /** Names of created documents start with it, e.g. `compare-<run id>-`. */
  prefix: string;
  timeoutMs?: number;
  allowList?: readonly AllowedDifference[];
  /** Progress and clean-up lines. */
  log?: (line: string) => void;
  /** Keep what the run created (default: remove it). */
  keep?: boolean;
}

export type CompareOutcome =
  | { ran: true; summary: Summary; result: ReplayResult }
  | { ran: false; reason: string };

export async function runCompare(options: CompareOptions): Promise<CompareOutcome> {
  const log = options.log ?? (() => undefined);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const tokens = { a: options.token, b: options.token2 };
  for (const [label, target] of [['A', options.a], ['B', options.b]] as const) {
    const reason = await unusable(target, tokens, timeoutMs);
    if (reason) return { ran: false, reason: `${label} (${target.baseUrl}): ${reason}` };
  }
  const side = (label: string, target: ServerTarget) =>
    new Side({ label, baseUrl: target.baseUrl, tokens, timeoutMs, ...(target.fetch ? { fetch: target.fetch } : {}) });
  const a = side('A', options.a);
  const b = side('B', options.b);
  const startDifference = await compareStartingData(a, b);
  if (startDifference) return { ran: false, reason: `the servers do not start with the same data: ${startDifference}` };
  const steps = generateSequence({ seed: options.seed, count: options.requests, prefix: options.prefix });
  let result: ReplayResult;
  try {
    result = await replay(steps, a, b, { ...(options.allowList ? { allowList: options.allowList } : {}), progress: log });
  } finally {
    if (!options.keep) await removeRunData([a, b], options.prefix, log);
  }
  return { ran: true, summary: summarise(result), result };
}

/** Why a server cannot take part (unreachable, a token refused), or undefined. */
async function unusable(target: ServerTarget, tokens: { a: string; b: string }, timeoutMs: number): Promise<string | undefined> {
  let url: URL;
  try {
    url = new URL(target.baseUrl);
  } catch {
    return `"${target.baseUrl}" is not a URL`;
  }
  for (const [flag, token] of [['--token', tokens.a], ['--token2', tokens.b]] as const) {
    const client = new ApiClient({ baseUrl: url.href, token, timeoutMs: Math.min(timeoutMs, 10_000), validate: false, ...(target.fetch ? { fetch: target.fetch } : {}) });
    try {
      const answer = await client.list('kubeclusters', { max_results: 1 });
      if (answer.status === 401 || answer.status === 403) return `refused ${flag} (${answer.status})`;
      if (answer.status !== 200) return `/api/v1/kubeclusters answered ${answer.status}, not 200: is this the API root?`;
    } catch (error) {
      return `unreachable: ${(error as Error).message}`;
    }
  }
  return undefined;
}
