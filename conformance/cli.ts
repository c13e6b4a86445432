// `kubeclusters-mock conformance`: runs the suite through vitest against a server, one line per
// requirement as it goes, a summary by area at the end. Exit 1 when a MUST failed (any failure with
// --strict), 0 otherwise (failed SHOULDs and MAYs are warnings), 2 when it could not run.
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, Option } from 'commander';
import { parseCommand } from './parse-command.js';
import { ApiClient } from './client.js';
import { cleanUpPrefix } from './cleanup.js';
import { ProgressReporter } from './reporter.js';
import { conformanceMarkdown } from './summary-markdown.js';
import type { RequirementResult } from './reporter.js';
import { matchesOnly } from './only.js';
import { requirements } from './requirements.js';
import { configFromEnv, configToEnv, envNames } from './target.js';
import type { TargetConfig } from './target.js';
import { exitCodeOf, tally } from './verdict.js';

interface Flags {
  baseUrl?: string;
  token?: string;
  token2?: string;
  profile?: string;
  controlUrl?: string;
  activate?: string;
  activateTimeout?: number;
  jobTimeout?: number;
  readOnly?: boolean;
  strict?: boolean;
  only?: string;
  list?: boolean;
  report?: string;
  timeout?: number;
  maxRequests?: number;
  runId?: string;
}

const REACH_TIMEOUT_MS = 10_000;

export async function runConformanceCli(argv: readonly string[]): Promise<number> {
  let exitCode = 0;
  const program = new Command('kubeclusters-mock conformance')
    .description('Check a server against the documented kubeclusters behaviours (default: the in-process mock)')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  targetOptions(program)
    .option('--profile <name>', 'strict | lenient | seed: the answers the server is expected to give where sources disagree')
    .option('--control-url <url>', "root of a server with the mock's control API, used to activate agents")
    .option('--activate <command>', 'shell command that applies an agent manifest; {agentURL} is replaced, e.g. "kubectl apply -f {agentURL}"')
    .addOption(new Option('--activate-timeout <seconds>', 'how long to wait for ACTIVE after --activate').argParser(positiveNumber))
    .addOption(new Option('--job-timeout <seconds>', 'how long a run\'s job may take to end (JOBS area; default 300)').argParser(positiveNumber))
    .option('--read-only', 'run only the checks that change nothing')
    .option('--strict', 'a failed SHOULD or MAY fails the run too (default: a warning; env KC_STRICT=1)')
    .option('--only <glob>', 'run only requirements whose id matches, e.g. "KC-ETAG-*"')
    .option('--list', 'list the requirements and exit')
    .option('--report <kind=path,...>', 'also write reports: junit=<path>, json=<path>, markdown=<path> (a CI job summary, e.g. $GITHUB_STEP_SUMMARY)')
    .addOption(new Option('--timeout <ms>', 'timeout of each request').argParser(positiveNumber))
    .addOption(new Option('--max-requests <n>', 'most requests the run may make').argParser(positiveNumber))
    .option('--run-id <id>', 'names created data conformance-<id>-… (default: random)')
    .action(async (flags: Flags) => {
      exitCode = await conformance(flags);
    });
  targetOptions(program.command('cleanup').description('remove leftovers of earlier runs: everything whose name starts with --prefix'))
    .requiredOption('--prefix <prefix>', 'a name prefix starting with "conformance-"')
    .action(async (_flags: unknown, command: Command) => {
      // --base-url and the tokens may be given before or after "cleanup": read them from both levels.
      exitCode = await cleanup(command.optsWithGlobals<Flags & { prefix: string }>());
    });
  return (await parseCommand(program, argv)) ?? exitCode;
}

function targetOptions(command: Command): Command {
  return command
    .option('--base-url <url>', `server root, the API being under /api/v1 (env ${envNames.baseUrl}; default: an in-process mock)`)
    .option('--token <token>', `API token (env ${envNames.token})`)
    .option('--token2 <token>', `a second tenant's token, for isolation checks (env ${envNames.token2})`);
}

function positiveNumber(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new CommanderError(2, 'conformance.badNumber', `expected a positive number, got "${value}"`);
  return number;
}

function configFrom(flags: Flags): TargetConfig {
  const env = configFromEnv();
  const pick = <T>(flag: T | undefined, fallback: T) => (flag === undefined ? fallback : flag);
  return {
    baseUrl: pick(flags.baseUrl, env.baseUrl),
    token: pick(flags.token, env.token),
    token2: pick(flags.token2, env.token2),
    profile: pick(flags.profile as TargetConfig['profile'] | undefined, env.profile),
    controlUrl: pick(flags.controlUrl, env.controlUrl),
    activate: pick(flags.activate, env.activate),
    activateTimeoutMs: flags.activateTimeout === undefined ? env.activateTimeoutMs : flags.activateTimeout * 1000,
    jobTimeoutMs: flags.jobTimeout === undefined ? env.jobTimeoutMs : flags.jobTimeout * 1000,
    readOnly: flags.readOnly ?? env.readOnly,
    timeoutMs: pick(flags.timeout, env.timeoutMs),
    maxRequests: pick(flags.maxRequests, env.maxRequests),
    runId: pick(flags.runId, env.runId),
  };
}

async function conformance(flags: Flags): Promise<number> {
  const only = flags.only ?? process.env['KC_ONLY'];
  if (flags.list) return listRequirements(only);
  let config: TargetConfig;
  try {
    config = configFrom(flags);
  } catch (error) {
    console.error(`conformance: ${(error as Error).message}`);
    return 2;
  }
  const unreachable = await probe(config);
  if (unreachable) {
    console.error(`conformance: cannot run: ${unreachable}`);
    return 2;
  }
  const reports = parseReports(flags.report);
  if (typeof reports === 'string') {
    console.error(`conformance: ${reports}`);
    return 2;
  }
  const strict = flags.strict ?? ['1', 'true', 'yes'].includes((process.env['KC_STRICT'] ?? '').toLowerCase());
  console.log(`Conformance of ${config.baseUrl ?? 'the in-process mock'} (profile ${config.profile}, run ${config.runId}${strict ? ', --strict' : ''})`);
  const results = await runSuite(config, { only, junitPath: reports.junit, strict });
  if (results === undefined) return 2;
  const verdicts = results.map((r) => r.verdict);
  const run = { target: config.baseUrl ?? 'in-process mock', profile: config.profile, strict, runId: config.runId };
  if (reports.json) writeFileSync(reports.json, `${JSON.stringify({ ...run, summary: tally(verdicts), exitCode: exitCodeOf(verdicts), results }, null, 2)}\n`);
  if (reports.markdown) writeFileSync(reports.markdown, conformanceMarkdown({ ...run, results }));
  return exitCodeOf(verdicts);
}

async function runSuite(config: TargetConfig, { only, junitPath, strict }: { only: string | undefined; junitPath: string | undefined; strict: boolean }): Promise<RequirementResult[] | undefined> {
  const { startVitest } = await import('vitest/node');
  const suite = fileURLToPath(new URL('./suite.conformance.js', import.meta.url));
  const progress = new ProgressReporter({ strict });
  const env = { ...configToEnv(config), ...(only ? { KC_ONLY: only } : {}) };
  Object.assign(process.env, env);
  const vitest = await startVitest('test', [], {
    root: dirname(suite),
    config: false,
    include: ['suite.conformance.js'],
    watch: false,
    env,
    // A JOBS check may wait for two jobs in turn.
    testTimeout: Math.max(60_000, config.activateTimeoutMs + 30_000, 2 * config.jobTimeoutMs + 30_000),
    hookTimeout: 120_000,
    fileParallelism: false,
    reporters: junitPath ? [progress, 'junit'] : [progress],
    ...(junitPath ? { outputFile: { junit: junitPath } } : {}),
  }).catch((error: Error) => {
    console.error(`conformance: vitest could not start: ${error.message}`);
    return undefined;
  });
  if (!vitest) return undefined;
  await vitest.close();
  if (progress.loadErrors.length > 0) {
    console.error(`conformance: the suite could not load: ${progress.loadErrors.join('; ')}`);
    return undefined;
  }
  return progress.results;
}

/** Says why the target cannot be tested (unreachable, token refused), within 10 s; undefined when it can. */
async function probe(config: TargetConfig): Promise<string | undefined> {
  if (config.baseUrl === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(config.baseUrl);
  } catch {
    return `--base-url "${config.baseUrl}" is not a URL`;
  }
  const client = new ApiClient({ baseUrl: url.href, token: config.token, timeoutMs: REACH_TIMEOUT_MS, validate: false });
  try {
    const answer = await client.list('kubeclusters', { max_results: 1 });
    if (answer.status === 401 || answer.status === 403) return `${config.baseUrl} refused the token (${answer.status}); give --token`;
    if (answer.status !== 200) return `${config.baseUrl}/api/v1/kubeclusters answered ${answer.status}, not 200: is this the API root?`;
  } catch (error) {
    return `${config.baseUrl} is unreachable: ${(error as Error).message}`;
  }
  return undefined;
}

export type ReportKind = 'junit' | 'json' | 'markdown';

/**
 * `--report kind=path,…` as an absolute path by kind, or what is wrong with it; `kinds` are those the
 * command writes. Paths are taken from the current folder: vitest would read a relative JUnit path
 * from the suite's own folder.
 */
export function parseReports(spec: string | undefined, kinds: readonly ReportKind[] = ['junit', 'json', 'markdown']): Partial<Record<ReportKind, string>> | string {
  const reports: Partial<Record<ReportKind, string>> = {};
  for (const part of (spec ?? '').split(',').filter(Boolean)) {
    const at = part.indexOf('=');
    const kind = part.slice(0, at) as ReportKind;
    const path = part.slice(at + 1);
    if (at === -1 || !kinds.includes(kind) || !path) return `--report expects ${kindList(kinds)}, got "${part}"`;
    reports[kind] = resolve(path);
  }
  return reports;
}

/** `junit=<path>, json=<path> and/or markdown=<path>`. */
function kindList(kinds: readonly ReportKind[]): string {
  const named = kinds.map((kind) => `${kind}=<path>`);
  return named.length === 1 ? named[0]! : `${named.slice(0, -1).join(', ')} and/or ${named.at(-1)!}`;
}

function listRequirements(only: string | undefined): number {
  for (const r of requirements.filter((req) => matchesOnly(req.id, only))) {
    const profile = r.profile ? ` [profile: ${r.profile.join(', ')}]` : '';
    console.log(`${r.id.padEnd(13)} ${r.level.padEnd(6)} ${r.title}${profile}`);
  }
  return 0;
}

async function cleanup(flags: Flags & { prefix: string }): Promise<number> {
  if (!/^conformance-[\w-]*$/.test(flags.prefix)) {
    console.error('conformance cleanup: --prefix must start with "conformance-" (only what the suite created is removed)');
    return 2;
  }
  const config = configFrom(flags);
  if (config.baseUrl === undefined) {
    console.error('conformance cleanup: give --base-url (the in-process mock keeps nothing between runs)');
    return 2;
  }
  const unreachable = await probe(config);
  if (unreachable) {
    console.error(`conformance cleanup: ${unreachable}`);
    return 2;
  }
  let failed = 0;
  for (const token of config.token2 === undefined ? [config.token] : [config.token, config.token2]) {
    const client = new ApiClient({ baseUrl: config.baseUrl, token, timeoutMs: config.timeoutMs, validate: false });
    const outcome = await cleanUpPrefix(client, flags.prefix, (line) => console.log(line));
    failed += outcome.failed;
  }
  return failed > 0 ? 1 : 0;
}
