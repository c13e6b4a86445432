// `npm run bench`: the mock against bare Hono (and with --peers Prism and json-server) on the same
// routes, driven by autocannon over 127.0.0.1 for a bounded time; prints req/s, p50, p99, RSS, ratios.
import { writeFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { Command, Option } from 'commander';
import { operations, sampleOf } from './operations.js';
import type { Operation, Sample } from './operations.js';
import { startBare, startJsonServer, startMock, startPrism } from './servers.js';
import type { RunningServer } from './servers.js';

interface Flags {
  peers: boolean;
  clusters: number;
  duration: number;
  connections: number;
  json?: string;
  only?: string;
}

export interface Row {
  server: string;
  operation: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
  rssMb: number;
}

/** Process start to first answer, and the resident memory then. */
interface Startup {
  ms: number;
  rssMb: number;
}

/** The bare server's write routes that answer without reading the body: the old, unfair ceiling. */
const BARE_UNREAD = 'bare Hono, body unread';

async function main(argv: string[]): Promise<void> {
  const flags = new Command('bench')
    .description('Benchmark the mock against bare Hono (and Prism, json-server with --peers)')
    .option('--peers', 'also run Prism and json-server (installed on demand into node_modules/.cache)', false)
    .addOption(new Option('--clusters <n>', 'clusters preloaded from the fixtures generator').default(10_000).argParser(Number))
    .addOption(new Option('--duration <seconds>', 'seconds per server and operation').default(5).argParser(Number))
    .addOption(new Option('--connections <n>', 'concurrent connections').default(10).argParser(Number))
    .option('--json <path>', 'also write the figures as JSON')
    .option('--only <operations>', 'only the operations whose names start so, comma-separated (e.g. "post,patch")')
    .parse(argv)
    .opts<Flags>();
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const picked = chosen(flags.only);
  const rows: Row[] = [];
  const startups: Record<string, Startup> = {};
  const skipped: string[] = [];
  const starters: Array<[string, (port: number) => Promise<RunningServer>]> = [
    ['bare Hono', (port) => startBare(port)],
    ['kubeclusters-mock', (port) => startMock(port, flags.clusters)],
  ];
  if (flags.peers) {
    starters.push(['Prism', (port) => startPrism(port, log)], ['json-server', (port) => startJsonServer(port, flags.clusters, log)]);
  }
  let port = 4700 + Math.floor(Math.random() * 200);
  log('measuring the start-up of an empty mock…');
  const empty = await startMock(port++, 0);
  startups['kubeclusters-mock (no data)'] = { ms: empty.startupMs, rssMb: empty.rssMb() };
  await empty.stop();
  for (const [name, start] of starters) {
    log(`starting ${name}${name === 'kubeclusters-mock' || name === 'json-server' ? ` with ${flags.clusters} clusters` : ''}…`);
    const server = await start(port++).catch((error: Error) => {
      // A peer that cannot start (install failed, too slow with this many clusters) is reported, not fatal.
      log(`  ${name} could not be measured: ${error.message.split('\n')[0]}`);
      skipped.push(`${name}: ${error.message.split('\n')[0]}`);
      return undefined;
    });
    if (!server) continue;
    startups[name === 'bare Hono' || name === 'Prism' ? name : `${name} (${flags.clusters} clusters loaded)`] = { ms: server.startupMs, rssMb: server.rssMb() };
    log(`  answering after ${server.startupMs.toFixed(0)} ms, RSS ${server.rssMb().toFixed(0)} MB`);
    try {
      const sample = await sampleOf(server);
      for (const operation of picked) {
        log(`  ${name}: ${operation.name} for ${flags.duration} s…`);
        rows.push(await measure(server, operation, sample, flags));
        if (name === 'bare Hono' && operation.write) {
          log(`  ${BARE_UNREAD}: ${operation.name} for ${flags.duration} s…`);
          rows.push(await measure({ ...server, name: BARE_UNREAD, apiPrefix: '/fixed/api/v1' }, operation, sample, flags));
        }
      }
    } finally {
      await server.stop();
    }
  }
  console.log(renderTable(rows, startups, flags));
  if (skipped.length > 0) console.log(`\nNot measured:\n${skipped.map((line) => `  ${line}`).join('\n')}`);
  if (flags.json) writeFileSync(flags.json, `${JSON.stringify({ clusters: flags.clusters, duration: flags.duration, connections: flags.connections, startups, rows }, null, 2)}\n`);
}

/** The operations `--only` names by the start of their names, case aside; all of them without it. */
function chosen(only: string | undefined): Operation[] {
  if (only === undefined) return operations;
  const starts = only.split(',').map((name) => name.trim().toLowerCase()).filter(Boolean);
  const picked = operations.filter((operation) => starts.some((start) => operation.name.toLowerCase().startsWith(start)));
  if (picked.length === 0) {
    process.stderr.write(`bench: --only ${only} names no operation; the operations are ${operations.map((o) => `"${o.name}"`).join(', ')}\n`);
    process.exit(2);
  }
  return picked;
}

async function measure(server: RunningServer, operation: Operation, sample: Sample, flags: Flags): Promise<Row> {
  const options = { url: server.url, connections: flags.connections, headers: { Authorization: `Bearer ${server.token}`, Accept: 'application/json' } };
  // One second first, not counted: the JIT and the caches warm up, for every server alike.
  // Built once for both runs: the PATCH pool carries each cluster's latest ETag from one to the next.
  const requests = operation.requests(server, sample);
  await autocannon({ ...options, duration: 1, requests });
  const result = await autocannon({ ...options, duration: flags.duration, requests });
  return {
    server: server.name,
    operation: operation.name,
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    rssMb: server.rssMb(),
  };
}

/** Ratios to the bare server that reads write bodies (`× bare`) and, for writes, to the one that does not. */
export function renderTable(rows: readonly Row[], startups: Record<string, Startup>, flags: Pick<Flags, 'clusters' | 'duration' | 'connections'>): string {
  const ceiling = (server: string) => new Map(rows.filter((r) => r.server === server).map((r) => [r.operation, r.requestsPerSecond]));
  const bare = ceiling('bare Hono');
  const unread = ceiling(BARE_UNREAD);
  const ratio = (r: Row, to: Map<string, number>) => (to.get(r.operation) ? (r.requestsPerSecond / (to.get(r.operation) as number)).toFixed(2) : '');
  const header = ['server', 'operation', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'RSS MB', '× bare', '× bare, body unread'];
  const body = rows.map((r) => [
    r.server,
    r.operation,
    r.requestsPerSecond.toFixed(0),
    r.p50Ms.toFixed(1),
    r.p99Ms.toFixed(1),
    String(r.non2xx + r.errors),
    r.rssMb.toFixed(0),
    ratio(r, bare),
    ratio(r, unread),
  ]);
  const table = [header, ...body];
  const widths = header.map((_, c) => Math.max(...table.map((row) => row[c]!.length)));
  const lines = table.map((row) => row.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
  const startupLines = Object.entries(startups).map(([name, { ms, rssMb }]) => `  ${name}: ${ms.toFixed(0)} ms, RSS ${rssMb.toFixed(0)} MB`);
  return [`\n${flags.clusters} clusters preloaded, ${flags.connections} connections, ${flags.duration} s per cell`, ...lines, '\nStart-up to first answer:', ...startupLines].join('\n');
}

await main(process.argv);
