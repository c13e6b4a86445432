// `explore` as a library call: checks the server can be explored, runs one generated sequence judged by
// the shared rules and the model, removes what it created, and shrinks each kind of violation found
// to the shortest reproduction. The CLI only parses flags around it.
import type { ProfileName } from '../../mock/options.js';
import { ApiClient } from '../client.js';
import { executePass, removeNamed } from './execute.js';
import type { Found } from './execute.js';
import { generateExploreSequence } from './generate.js';
import type { ServerAccess } from './sender.js';
import { shrink } from './shrink.js';
import { withPrefix } from './steps.js';
import { leftOut } from './tolerated.js';
import { TRACKED } from './model.js';
import type { ExploreStep } from './steps.js';

export interface ExploreOptions extends ServerAccess {
  seed: number;
  requests: number;
  profile: ProfileName;
  /** Every name the run writes starts with it; shrinking replays add to it. */
  prefix: string;
  log?: (line: string) => void;
  progressEvery?: number;
  /** Replays allowed per violation while shrinking (0: no shrinking). */
  shrinkBudget?: number;
  /** Shrink only the violations of these rules (default: every rule broken). */
  shrinkRules?: readonly string[];
}

export interface ExploreViolation {
  rule: string;
  party: 'server' | 'client';
  expected: string;
  got: string;
  /** The step (0-based) where it first showed, and what that step was. */
  step: number;
  shape: string;
  /** How many times the rule was broken in the run. */
  count: number;
  /** The shortest sequence found that still shows it, as curl lines (tokens redacted). */
  reproduction: string[];
  shrinkReplays: number;
}

export interface ExploreResult {
  seed: number;
  requests: number;
  seconds: number;
  violations: ExploreViolation[];
}

export type ExploreOutcome = { ran: true; result: ExploreResult } | { ran: false; reason: string };

export async function runExplore(options: ExploreOptions): Promise<ExploreOutcome> {
  const log = options.log ?? (() => undefined);
  const reason = await unusable(options);
  if (reason) return { ran: false, reason };
  const explored = { ...options, present: await presentResources(options) };
  const steps = sequenceFor(explored);
  const started = Date.now();
  const pass = await executePass(steps, explored, {
    profile: options.profile,
    progressEvery: options.progressEvery ?? 250,
    progress: (done, found, ms) => log(`  … ${done}/${steps.length} requests, ${found} violation(s) so far, ${Math.round(ms / 1000)} s`),
  });
  await removeNamed(explored, options.prefix);
  const seconds = (Date.now() - started) / 1000;
  const violations: ExploreViolation[] = [];
  let replay = 0;
  for (const [rule, found] of groupByRule(pass.found)) {
    const first = found[0] as Found;
    const step = steps[first.step] as ExploreStep;
    const wanted = (options.shrinkBudget ?? 150) > 0 && (options.shrinkRules === undefined || options.shrinkRules.includes(rule));
    const unshrunk = { reproduction: steps.filter((s) => s.index <= first.step).flatMap((s) => pass.curls.get(s.index) ?? []), shrinkReplays: 0 };
    const shrunk = wanted ? await shortestOf(found, (occurrence) => shrinkOne(steps, occurrence, pass.symbols, explored, () => `${options.prefix}s${++replay}-`)) : unshrunk;
    violations.push({ ...first.violation, step: first.step, shape: step.shape, count: found.length, ...shrunk });
  }
  return { ran: true, result: { seed: options.seed, requests: steps.length, seconds, violations } };
}

/** The generated sequence; with one token (no --token2) the second tenant's steps are left out. */
function sequenceFor(options: ExploreOptions & { present: readonly string[] }): ExploreStep[] {
  const oneTenant = options.token2 === options.token;
  const generated = generateExploreSequence({ seed: options.seed, count: options.requests * 2, prefix: options.prefix, control: options.controlUrl !== undefined, present: options.present });
  const kept = generated.filter((step) => (!oneTenant || step.sender !== 'b') && !absent(step.path, options.present) && !leftOut(step));
  return kept.slice(0, options.requests).map((step, index) => ({ ...step, index }));
}

const RESOURCES = [...TRACKED, 'jobs'] as const;
/** A run starts a job: a server without jobs has no runs either. */
const RUN_STEP = /\/action\/run$/;

/** Whether the step goes to a resource the server does not have. */
function absent(path: string, present: readonly string[]): boolean {
  const resource = /^\/api\/v1\/([a-z]+)/.exec(path)?.[1];
  return (resource !== undefined && (RESOURCES as readonly string[]).includes(resource) && !present.includes(resource)) || (RUN_STEP.test(path) && !present.includes('jobs'));
}

/** The resources the server has: the Eve reference has no policies, kubeoffloads or jobs (404 on their collections). */
async function presentResources(options: ExploreOptions): Promise<string[]> {
  const client = new ApiClient({ baseUrl: options.baseUrl, token: options.token, timeoutMs: options.timeoutMs, validate: false, ...(options.fetch ? { fetch: options.fetch } : {}) });
  const found = await Promise.all(RESOURCES.map(async (resource) => ((await client.request('GET', `/api/v1/${resource}?max_results=1`).catch(() => undefined))?.status === 200 ? resource : undefined)));
  return found.filter((resource): resource is (typeof RESOURCES)[number] => resource !== undefined);
}

/** A reproduction this short is read at a glance; a longer one is worth shrinking from a later occurrence too. */
const SHORT = 10;
const OCCURRENCES = 3;

/**
 * The shortest reproduction from the first occurrences of a rule: the first one may need a long story (a
 * list of many documents) where a later one (a smaller page) needs a short one.
 */
async function shortestOf(found: readonly Found[], shrinkAt: (occurrence: Found) => Promise<Reproduction>): Promise<Reproduction> {
  const steps = [...new Set(found.map((f) => f.step))].slice(0, OCCURRENCES);
  let best: Reproduction | undefined;
  for (const step of steps) {
    const next = await shrinkAt(found.find((f) => f.step === step) as Found);
    if (!best || (next.reproduction.length > 0 && next.reproduction.length < best.reproduction.length)) best = { ...next, shrinkReplays: next.shrinkReplays + (best?.shrinkReplays ?? 0) };
    if (best.reproduction.length <= SHORT) break;
  }
  return best as Reproduction;
}

interface Reproduction {
  reproduction: string[];
  shrinkReplays: number;
}

function groupByRule(found: readonly Found[]): Map<string, Found[]> {
  const groups = new Map<string, Found[]>();
  for (const f of found) groups.set(f.violation.rule, [...(groups.get(f.violation.rule) ?? []), f]);
  return groups;
}

async function shrinkOne(steps: readonly ExploreStep[], first: Found, symbols: ReadonlyArray<[string, string]>, options: ExploreOptions, nextPrefix: () => string): Promise<Reproduction> {
  const rule = first.violation.rule;
  const replay = async (candidate: readonly ExploreStep[]) => {
    const prefix = nextPrefix();
    const renamed = candidate.map((step) => withPrefix(step, options.prefix, prefix));
    try {
      return { pass: await executePass(renamed, options, { profile: options.profile, stopAt: rule }), renamed };
    } finally {
      await removeNamed(options, prefix);
    }
  };
  const fails = async (candidate: readonly ExploreStep[]) => (await replay(candidate)).pass.found.some((f) => f.violation.rule === rule);
  options.log?.(`  shrinking ${rule} (first at request ${first.step + 1}) …`);
  const text = `${first.violation.expected} ${first.violation.got}`;
  const mentioned = symbols.filter(([, id]) => text.includes(id)).map(([sym]) => sym);
  const shrunk = await shrink(steps, first.step, fails, { budget: options.shrinkBudget ?? 150, mentioned });
  const last = await replay(shrunk.steps);
  const shown = last.pass.found.find((f) => f.violation.rule === rule);
  const sent = last.renamed.filter((step) => shown === undefined || step.index <= shown.step);
  return { reproduction: sent.map((step) => last.pass.curls.get(step.index)).filter((line): line is string => line !== undefined), shrinkReplays: shrunk.replays + 1 };
}

/** Why the server cannot be explored (not a URL, unreachable, a token refused), or undefined. */
async function unusable(options: ExploreOptions): Promise<string | undefined> {
  try {
    new URL(options.baseUrl);
  } catch {
    return `"${options.baseUrl}" is not a URL`;
  }
  for (const [flag, token] of [['--token', options.token], ['--token2', options.token2]] as const) {
    if (flag === '--token2' && token === options.token) continue;
    const client = new ApiClient({ baseUrl: options.baseUrl, token, timeoutMs: Math.min(options.timeoutMs, 10_000), validate: false, ...(options.fetch ? { fetch: options.fetch } : {}) });
    try {
      const answer = await client.request('GET', '/api/v1/kubeclusters?max_results=1');
      if (answer.status === 401 || answer.status === 403) return `the server refused ${flag} (${answer.status})`;
      if (answer.status !== 200) return `/api/v1/kubeclusters answered ${answer.status}, not 200: is this the API root?`;
    } catch (error) {
      return `unreachable: ${(error as Error).message}`;
    }
  }
  return undefined;
}
