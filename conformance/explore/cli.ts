// `kubeclusters-mock explore`: parses flags, runs one generated sequence against one server, prints each
// violation with its shrunk reproduction. Exit 0 clean, 1 on violations, 2 when it cannot run.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { profiles } from '../../mock/options.js';
import type { ProfileName } from '../../mock/options.js';
import { parseCommand } from '../parse-command.js';
import { jsonReport, junitReport, markdownReport, textReport } from './report.js';
import { runExplore } from './run.js';

interface Flags {
  baseUrl: string;
  token: string;
  token2: string;
  requests: number;
  seed: number;
  profile: ProfileName;
  controlUrl?: string;
  report?: string;
  progress: number;
  shrink: number;
  timeout: number;
  runId: string;
}

export async function runExploreCli(argv: readonly string[]): Promise<number> {
  let exitCode = 0;
  const program = new Command('kubeclusters-mock explore')
    .description('Send one random stateful sequence to a server and judge every answer by the contract and a model of its state')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) })
    .requiredOption('--base-url <url>', 'the server root (the API is under <url>/api/v1)')
    .requiredOption('--token <token>', "tenant A's token")
    .option('--token2 <token>', "tenant B's token (another tenant: it must see nothing of A's)", '')
    .option('--requests <n>', 'how many requests the sequence sends', whole(1), 500)
    .option('--seed <n>', 'the seed: the same seed sends the same sequence', whole(0), 1)
    .addOption(new Option('--profile <name>', 'where sources disagree, what the server is expected to answer').choices(Object.keys(profiles)).default('strict'))
    .option('--control-url <url>', "the mock's control API root (the clock, connect, disconnect); only for the mock")
    .option('--report <kind=path,...>', 'also write junit=<path>, json=<path> and/or markdown=<path>')
    .option('--progress <n>', 'a progress line on stderr every n requests', whole(1), 250)
    .option('--shrink <n>', 'replays allowed to shrink each violation (0: no shrinking)', whole(0), 150)
    .option('--timeout <ms>', 'how long to wait for each answer', whole(1), 10_000)
    .option('--run-id <id>', 'names written start with explore-<id>-', randomBytes(3).toString('hex'))
    .action(async (flags: Flags) => {
      exitCode = await explore(flags);
    });
  return (await parseCommand(program, argv)) ?? exitCode;
}

async function explore(flags: Flags): Promise<number> {
  const reports = parseReports(flags.report);
  if (typeof reports === 'string') return cannotRun(reports);
  const prefix = `explore-${flags.runId}-`;
  console.error(`Exploring ${flags.baseUrl}: ${flags.requests} requests, seed ${flags.seed}, names ${prefix}…`);
  const outcome = await runExplore({
    baseUrl: flags.baseUrl,
    controlUrl: flags.controlUrl,
    token: flags.token,
    token2: flags.token2 || flags.token,
    seed: flags.seed,
    requests: flags.requests,
    profile: flags.profile,
    prefix,
    timeoutMs: flags.timeout,
    progressEvery: flags.progress,
    shrinkBudget: flags.shrink,
    log: (line) => console.error(line),
  }).catch((error: Error) => ({ ran: false as const, reason: error.message }));
  if (!outcome.ran) return cannotRun(outcome.reason);
  const run = { baseUrl: flags.baseUrl, seed: flags.seed, profile: flags.profile, prefix };
  for (const line of textReport(outcome.result, run)) console.log(line);
  if (reports.json) writeFileSync(reports.json, `${JSON.stringify(jsonReport(outcome.result, run), null, 2)}\n`);
  if (reports.junit) writeFileSync(reports.junit, junitReport(outcome.result));
  if (reports.markdown) writeFileSync(reports.markdown, markdownReport(outcome.result, run));
  return outcome.result.violations.length > 0 ? 1 : 0;
}

type Reports = Partial<Record<'junit' | 'json' | 'markdown', string>>;

function parseReports(spec: string | undefined): Reports | string {
  const reports: Reports = {};
  for (const part of (spec ?? '').split(',').filter(Boolean)) {
    const [kind, path] = part.split('=', 2);
    if ((kind !== 'junit' && kind !== 'json' && kind !== 'markdown') || !path) return `--report expects junit=<path>, json=<path> and/or markdown=<path>, got "${part}"`;
    reports[kind] = path;
  }
  return reports;
}

function cannotRun(reason: string): number {
  console.error(`explore: cannot run: ${reason}`);
  return 2;
}

function whole(min: number): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (!Number.isSafeInteger(number) || number < min) throw new InvalidArgumentError(`expected a whole number of at least ${min}`);
    return number;
  };
}
