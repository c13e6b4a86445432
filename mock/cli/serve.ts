// `kubeclusters-mock serve`: starts the mock, prints how to use it, stops cleanly on SIGINT/SIGTERM.
import { Command, InvalidArgumentError, Option } from 'commander';
import { loadSeedFixtures } from '../../fixtures/seed.js';
import type { FixtureSet } from '../../fixtures/types.js';
import { readFixtureFile } from '../control/routes.js';
import { nodeHost } from '../node/mock.js';
import { parseCorsOrigins } from '../http/cors.js';
import type { CorsOrigins } from '../http/cors.js';
import { ApiError } from '../http/errors.js';
import { defaultJobDurationMs, defaultLimits, profiles } from '../options.js';
import type { ProfileName } from '../options.js';
import { DEFAULT_HOST, DEFAULT_PORT, startMockServer } from '../node/server.js';

interface ServeFlags {
  port: number;
  host: string;
  profile: ProfileName;
  fixtures?: string;
  fixturesTenant?: string;
  state?: string;
  maxItems?: number;
  maxBody?: number;
  tokens?: string[];
  activationDelay: number | 'never';
  jobDuration: number | 'never';
  publicUrl?: string;
  control: boolean;
  cors?: CorsOrigins;
  log: boolean;
  noopWriteConflict: boolean;
}

export function serveCommand(): Command {
  return new Command('serve')
    .description('Start the mock on a local port')
    .option('-p, --port <port>', 'port to listen on (0 picks a free one)', parsePort, DEFAULT_PORT)
    .option('-H, --host <host>', 'address to listen on', DEFAULT_HOST)
    .addOption(new Option('--profile <name>', 'where sources disagree, which side to take').choices(Object.keys(profiles)).default('strict'))
    .option('--fixtures <seed|N|file>', 'data to start with: "seed" (the guide\'s examples), a number of generated clusters, or a JSON file')
    .option('--fixtures-tenant <token>', 'the token that owns the fixtures (default: the first of --tokens, else "demo")')
    .option('--tokens <a,b,...>', 'accept only these bearer tokens (default: any well-formed token)', (v: string) => v.split(',').map((t) => t.trim()).filter(Boolean))
    .option('--activation-delay <delay>', 'from applying the agent manifest to ACTIVE: e.g. 3s, 500ms, 0 (at once) or never (control API only)', parseDelay, 3000)
    .option('--job-duration <delay>', 'from a run (POST …/action/run) to its job\'s COMPLETED: e.g. 5s (default), 500ms, 0 (at once) or never (control API only)', parseDelay, defaultJobDurationMs)
    .option('--public-url <url>', 'base URL written into status.agentURL and Location (default: the request\'s host)')
    .option('--state <file>', 'keep the state in this JSON file: loaded at start (then --fixtures is skipped), saved after every change')
    .option('--max-items <n>', `most documents a tenant may hold per resource, 409 above (default ${defaultLimits.maxItemsPerTenant})`, parseCount)
    .option('--max-body <bytes>', `largest request body, 413 above (default ${defaultLimits.maxBodyBytes})`, parseCount)
    .option('--no-control', 'do not serve the test-control API under /__mock (nor the dashboard)')
    .option('--cors <origins|*>', 'let browser pages on these origins (comma-separated, or * for any) call the mock', parseCors)
    .option('--log', 'print one line per request', false)
    .option('--noop-write-conflict', "answer a PUT that repeats the previous PUT's document within the same second with 412, as Eve 2.3 does", false)
    .action(async (flags: ServeFlags) => {
      await serve(flags);
    });
}

async function serve(flags: ServeFlags): Promise<void> {
  // A number of clusters is generated while it loads; a set named otherwise is read whole first.
  const generate = flags.fixtures !== undefined && /^\d+$/.test(flags.fixtures) ? { count: Number(flags.fixtures) } : undefined;
  const fixtures = flags.fixtures === undefined || generate ? undefined : await fixturesFrom(flags.fixtures);
  const mock = await startMockServer({
    port: flags.port,
    host: flags.host,
    profile: flags.noopWriteConflict ? { base: flags.profile, noopWriteConflict: true } : flags.profile,
    tokens: flags.tokens,
    activationDelayMs: flags.activationDelay,
    jobDurationMs: flags.jobDuration,
    publicUrl: flags.publicUrl,
    control: flags.control,
    cors: flags.cors,
    statePath: flags.state,
    limits: { ...(flags.maxItems === undefined ? {} : { maxItemsPerTenant: flags.maxItems }), ...(flags.maxBody === undefined ? {} : { maxBodyBytes: flags.maxBody }) },
    fixtures,
    generate,
    fixturesTenant: flags.fixturesTenant,
    log: flags.log ? (line) => console.log(line) : undefined,
  }).catch((error: Error) => {
    console.error(`kubeclusters-mock: ${error instanceof ApiError ? `${error.message} ${JSON.stringify(error.issues ?? '')}` : error.message}`);
    process.exit(1);
  });
  const token = flags.fixturesTenant ?? flags.tokens?.[0] ?? 'demo';
  console.log(`kubeclusters-mock listening on ${mock.url} (profile ${flags.profile}${flags.noopWriteConflict ? " with noopWriteConflict" : ""})`);
  console.log(`  API:      ${mock.url}/api/v1   (OpenAPI at ${mock.url}/api-docs)`);
  console.log(`  Docs:     ${mock.url}/docs`);
  if (flags.control) console.log(`  Control:  ${mock.url}/__mock   (dashboard at ${mock.url}/__mock/ui)`);
  if (flags.cors) console.log(`  CORS:     ${flags.cors === '*' ? 'any origin' : flags.cors.join(', ')}`);
  const clusters = generate?.count ?? fixtures?.kubeclusters.length;
  if (clusters !== undefined) console.log(`  Data:     ${clusters} clusters for token "${token}"`);
  console.log(`  Try:      curl -s -H 'Authorization: Bearer ${token}' ${mock.url}/api/v1/kubeclusters`);
  console.log('Press Ctrl+C to stop.');
  // Once: under the launcher a Ctrl+C reaches the server twice, from the terminal and passed on.
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping`);
    mock.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

async function fixturesFrom(value: string): Promise<FixtureSet> {
  if (value === 'seed') return loadSeedFixtures();
  return readFixtureFile(value, nodeHost);
}

function parseCors(value: string): CorsOrigins {
  try {
    return parseCorsOrigins(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

function parseCount(value: string): number {
  const count = Number(value);
  if (!Number.isSafeInteger(count) || count < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return count;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('expected a whole number from 0 to 65535');
  return port;
}

export function parseDelay(value: string): number | 'never' {
  if (value === 'never') return 'never';
  if (value === '0') return 0;
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)$/.exec(value.trim());
  if (!match) throw new InvalidArgumentError('expected a duration such as 3s, 500ms, 1m, 0 or never');
  const unit = { ms: 1, s: 1000, m: 60_000 }[match[2] as 'ms' | 's' | 'm'];
  return Math.round(Number(match[1]) * unit);
}
