// `kubeclusters-mock proxy`: forwards real traffic to a server, prints each violation as it happens and
// a summary by rule when it stops (Ctrl+C, SIGTERM or --max-requests). Exit 1 on any violation, 2 when it cannot start.
import { writeFileSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { profiles } from '../../mock/options.js';
import type { ProfileName } from '../../mock/options.js';
import { parseReports } from '../cli.js';
import { parseCommand } from '../parse-command.js';
import { jsonReport, junitReport, summary, violationLine } from './report.js';
import { startProxy } from './server.js';
import type { RunningProxy } from './server.js';

interface Flags {
  target: string;
  port: number;
  host: string;
  profile: ProfileName;
  report?: string;
  record?: string;
  maxRequests?: number;
  upstreamTimeout?: number;
  /** Deprecated: --upstream-timeout in milliseconds. */
  timeout?: number;
}

const DEFAULT_UPSTREAM_TIMEOUT_S = 30;

export async function runProxyCli(argv: readonly string[]): Promise<number> {
  let exitCode = 0;
  const program = new Command('kubeclusters-mock proxy')
    .description('Forward traffic to a server and check every exchange against the contract, on both sides')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) })
    .requiredOption('--target <url>', 'the server root to forward to, e.g. http://127.0.0.1:4010')
    .option('-p, --port <port>', 'port to listen on (0 picks a free one)', whole(0), 4011)
    .option('-H, --host <host>', 'address to listen on', '127.0.0.1')
    .addOption(new Option('--profile <name>', 'where sources disagree, what the server is expected to answer').choices(Object.keys(profiles)).default('strict'))
    .option('--report <kind=path,...>', 'on stopping, also write junit=<path> and/or json=<path>')
    .option('--record <file>', 'write every exchange as a JSON line (tokens redacted); serve --fixtures <file> loads it')
    .option('--max-requests <n>', 'stop after this many exchanges', whole(1))
    .option('--upstream-timeout <seconds>', `how long the target may take to answer an exchange; then the client gets 504 and the server a PROXY-TIMEOUT violation (default: ${DEFAULT_UPSTREAM_TIMEOUT_S})`, positive)
    .addOption(new Option('--timeout <ms>', 'deprecated: --upstream-timeout in milliseconds').argParser(whole(1)).hideHelp())
    .action(async (flags: Flags) => {
      exitCode = await proxy(flags);
    });
  return (await parseCommand(program, argv)) ?? exitCode;
}

async function proxy(flags: Flags): Promise<number> {
  const reports = parseReports(flags.report, ['junit', 'json']);
  if (typeof reports === 'string') return cannotStart(reports);
  if (!URL.canParse(flags.target)) return cannotStart(`--target "${flags.target}" is not a URL`);
  const timeoutMs = upstreamTimeoutMs(flags);
  if (typeof timeoutMs === 'string') return cannotStart(timeoutMs);
  let running: RunningProxy;
  try {
    running = await startProxy({
      target: flags.target,
      port: flags.port,
      host: flags.host,
      profile: flags.profile,
      timeoutMs,
      ...(flags.maxRequests === undefined ? {} : { maxRequests: flags.maxRequests }),
      ...(flags.record === undefined ? {} : { recordPath: flags.record }),
      onFinding: (finding) => console.log(violationLine(finding)),
    });
  } catch (error) {
    return cannotStart((error as Error).message);
  }
  console.log(`kubeclusters-mock proxy on ${running.url} → ${flags.target} (profile ${flags.profile})`);
  console.log(`  Point clients at ${running.url}; ${flags.maxRequests === undefined ? 'Ctrl+C stops' : `stops after ${flags.maxRequests} exchanges or on Ctrl+C`}.`);
  const stoppedBy = await Promise.race([
    running.finished.then(() => `${flags.maxRequests} exchanges`),
    new Promise<string>((resolve) => process.once('SIGINT', () => resolve('SIGINT'))),
    new Promise<string>((resolve) => process.once('SIGTERM', () => resolve('SIGTERM'))),
  ]);
  await running.close();
  console.log(`\nStopped (${stoppedBy}).\n${summary(running.findings, running.exchanges, running.unanswered)}`);
  if (reports.junit) writeFileSync(reports.junit, junitReport(running.findings, running.exchanges));
  if (reports.json) writeFileSync(reports.json, `${JSON.stringify(jsonReport(running.findings, running.exchanges, flags.target, running.unanswered), null, 2)}\n`);
  return running.findings.length > 0 ? 1 : 0;
}

/** --upstream-timeout in ms; the deprecated --timeout <ms> still works, with a warning, when it is the only one given. */
function upstreamTimeoutMs({ upstreamTimeout, timeout }: Flags): number | string {
  if (upstreamTimeout !== undefined && timeout !== undefined) return 'give --upstream-timeout <seconds> only (--timeout <ms> is its deprecated older form)';
  if (timeout === undefined) return (upstreamTimeout ?? DEFAULT_UPSTREAM_TIMEOUT_S) * 1000;
  console.error('proxy: --timeout <ms> is deprecated; use --upstream-timeout <seconds>');
  return timeout;
}

function cannotStart(reason: string): number {
  console.error(`proxy: cannot start: ${reason}`);
  return 2;
}

function positive(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new InvalidArgumentError('expected a positive number of seconds');
  return number;
}

function whole(min: number): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (!Number.isSafeInteger(number) || number < min) throw new InvalidArgumentError(`expected a whole number of at least ${min}`);
    return number;
  };
}
