// `kubeclusters-mock compare`: flags in, report out. Exit 0 no difference outside the allow-list,
// 1 differences, 2 could not run (one clear line saying why).
import { writeFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { parseReports } from '../cli.js';
import { parseCommand } from '../parse-command.js';
import { newRunId } from '../target.js';
import { allowedDifferences } from './allowed-differences.js';
import { compareMarkdown, formatSummary } from './report.js';
import { runCompare } from './run.js';

interface Flags {
  baseUrl: string;
  against: string;
  token: string;
  token2: string;
  requests: number;
  seed: number;
  timeout: number;
  report?: string;
  runId: string;
  keep?: boolean;
}

export async function runCompareCli(argv: readonly string[]): Promise<number> {
  let exitCode = 2;
  const program = new Command('kubeclusters-mock compare')
    .description('Replay one generated request sequence against two servers and report every kind of difference')
    .requiredOption('--base-url <url>', 'server A (the one under test, e.g. the mock); the API is under /api/v1')
    .requiredOption('--against <url>', 'server B (the reference, e.g. the Eve reference server)')
    .requiredOption('--token <token>', 'a token both servers accept (tenant a)')
    .option('--token2 <token>', 'a second token both servers accept (tenant b, for isolation requests)', 'tok2')
    .addOption(new Option('--requests <n>', 'how many requests to send to each server').default(1000).argParser(positiveInteger))
    .addOption(new Option('--seed <n>', 'seed of the request sequence (the same seed gives the same sequence)').default(1).argParser(integer))
    .addOption(new Option('--timeout <ms>', 'timeout of each request').default(10_000).argParser(positiveInteger))
    .option('--report <kind=path,...>', 'also write the findings: json=<path> and/or markdown=<path> (a CI job summary, e.g. $GITHUB_STEP_SUMMARY)')
    .option('--run-id <id>', 'names created data compare-<id>-… (default: random)', newRunId())
    .option('--keep', 'keep what the run created (default: removed at the end)')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) })
    .action(async (flags: Flags) => {
      exitCode = await compare(flags);
    });
  return (await parseCommand(program, argv)) ?? exitCode;
}

async function compare(flags: Flags): Promise<number> {
  const reports = parseReports(flags.report, ['json', 'markdown']);
  if (typeof reports === 'string') {
    console.error(`compare: ${reports}`);
    return 2;
  }
  const prefix = `compare-${flags.runId}-`;
  console.log(`Comparing A ${flags.baseUrl} with B ${flags.against}: ${flags.requests} requests, seed ${flags.seed}, names ${prefix}…`);
  const outcome = await runCompare({
    a: { baseUrl: flags.baseUrl },
    b: { baseUrl: flags.against },
    token: flags.token,
    token2: flags.token2,
    seed: flags.seed,
    requests: flags.requests,
    prefix,
    timeoutMs: flags.timeout,
    log: (line) => console.log(line),
    ...(flags.keep ? { keep: true } : {}),
  }).catch((error: Error) => ({ ran: false as const, reason: error.message }));
  if (!outcome.ran) {
    console.error(`compare: cannot run: ${outcome.reason}`);
    return 2;
  }
  const labels = { a: flags.baseUrl, b: flags.against };
  for (const line of formatSummary(outcome.summary, labels)) console.log(line);
  const allowList = allowedDifferences.map(({ id, reason }) => ({ id, reason }));
  if (reports.json) {
    const report = { a: flags.baseUrl, b: flags.against, seed: flags.seed, runId: flags.runId, ...outcome.summary, allowList };
    writeFileSync(reports.json, `${JSON.stringify(report, null, 2)}\n`);
  }
  if (reports.markdown) writeFileSync(reports.markdown, compareMarkdown(outcome.summary, { ...labels, seed: flags.seed }, allowList));
  return outcome.summary.differenceCount > 0 ? 1 : 0;
}

function integer(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number)) throw new CommanderError(2, 'compare.badNumber', `expected an integer, got "${value}"`);
  return number;
}

function positiveInteger(value: string): number {
  const number = integer(value);
  if (number <= 0) throw new CommanderError(2, 'compare.badNumber', `expected a positive integer, got "${value}"`);
  return number;
}
