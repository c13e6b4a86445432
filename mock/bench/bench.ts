// `npm run bench`: the mock against bare Hono (and with --peers Prism and json-server) on the same
// routes, driven by autocannon over 127.0.0.1 for a bounded time; prints req/s, p50, p99, RSS, ratios.
import { writeFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { Command, Option } from 'commander';
import { measureInProcess } from './in-process.js';
import { operations, resample, sampleOf } from './operations.js';
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
  inProcess: 'also' | 'only' | 'no';
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

/**
 * After one second of load, the first counted second still ran slow on both servers (bare Hono
 * 16–30k req/s against 36k after, the mock 25k against 28–31k): a cell measures the steady state.
 */
const WARM_UP_SECONDS = 3;

/** Progress goes to stderr; the table alone to stdout. */
const log = (line: string) => void process.stderr.write(`${line}\n`);

async function main(argv: string[]): Promise<void> {
  const flags = new Command('bench')
    .description('Benchmark the mock against bare Hono (and Prism, json-server with --peers)')
    .option('--peers', 'also run Prism and json-server (installed on demand into node_modules/.cache)', false)
    .addOption(new Option('--clusters <n>', 'clusters preloaded from the fixtures generator').default(10_000).argParser(Number))
    .addOption(new Option('--duration <seconds>', 'seconds per server and operation').default(5).argParser(Number))
    .addOption(new Option('--connections <n>', 'concurrent connections').default(10).argParser(Number))
    .option('--json <path>', 'also write the figures as JSON')
    .option('--only <operations>', 'only the operations whose names start so, comma-separated (e.g. "post,patch")')
    .addOption(new Option('--in-process <when>', 'GET item through app.fetch and through MSW, without a port: also, only, or no').choices(['also', 'only', 'no']).default('also'))
    .parse(argv)
    .opts<Flags>();
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
  if (flags.inProcess === 'only') return void console.log(renderTable(await inProcessRows(flags), {}, flags));
  let port = 4700 + Math.floor(Math.random() * 200);
  log('measuring the start-up of an empty mock…');
  const empty = await startMock(port++, 0);
  startups['kubeclusters-mock (no data)'] = { ms: empty.startupMs, rssMb: empty.rssMb() };
  await empty.stop();
  // Bare Hono and the mock take turns on every operation: a machine that speeds up or slows down
  // during a run (a shared one does) changes both alike, and the ratio between them holds.
  const paired: RunningServer[] = [];
  try {
    for (const [name, start] of starters.slice(0, 2)) {
      const server = await startLogged(name, () => start(port++), flags, log);
      startups[startupLabel(name, flags)] = { ms: server.startupMs, rssMb: server.rssMb() };
      paired.push(server);
    }
    const [bare, mock] = paired as [RunningServer, RunningServer];
    const samples = new Map<RunningServer, Sample>([
      [bare, await sampleOf(bare)],
      [mock, await sampleOf(mock)],
    ]);
    for (const operation of picked) {
      const turns = operation.write ? [bare, { ...bare, name: BARE_UNREAD, apiPrefix: '/fixed/api/v1' }, mock] : [bare, mock];
      log(`  ${turns.map((server) => server.name).join(', ')} in turns: ${operation.name} for ${flags.duration} s each…`);
      rows.push(...(await measureInTurns(turns, operation, (server) => samples.get(server) ?? (samples.get(bare) as Sample), flags, samples)));
    }
  } finally {
    await Promise.all(paired.map((server) => server.stop()));
  }
  // The peers answer a few hundred requests a second at most: measured one after the other, each alone.
  for (const [name, start] of starters.slice(2)) {
    const server = await startLogged(name, () => start(port++), flags, log).catch((error: Error) => {
      // A peer that cannot start (install failed, too slow with this many clusters) is reported, not fatal.
      log(`  ${name} could not be measured: ${error.message.split('\n')[0]}`);
      skipped.push(`${name}: ${error.message.split('\n')[0]}`);
      return undefined;
    });
    if (!server) continue;
    startups[startupLabel(name, flags)] = { ms: server.startupMs, rssMb: server.rssMb() };
    try {
      const sample = await sampleOf(server);
      for (const operation of picked) {
        log(`  ${name}: ${operation.name} for ${flags.duration} s…`);
        rows.push(...(await measureInTurns([server], operation, () => sample, flags)));
      }
    } finally {
      await server.stop();
    }
  }
  if (flags.inProcess === 'also') rows.push(...(await inProcessRows(flags)));
  const table = inTableOrder(rows, picked);
  console.log(renderTable(table, startups, flags));
  if (skipped.length > 0) console.log(`\nNot measured:\n${skipped.map((line) => `  ${line}`).join('\n')}`);
  if (flags.json) writeFileSync(flags.json, `${JSON.stringify({ clusters: flags.clusters, duration: flags.duration, connections: flags.connections, startups, rows: table }, null, 2)}\n`);
}

/** The in-process figures as rows of the table (no sockets: errors are non-2xx answers only). */
async function inProcessRows(flags: Flags): Promise<Row[]> {
  log(`in process, with ${flags.clusters} clusters:`);
  const figures = await measureInProcess(flags.clusters, flags.duration, flags.connections, log);
  return figures.map((figure) => ({ ...figure, errors: 0 }));
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

async function startLogged(name: string, start: () => Promise<RunningServer>, flags: Flags, log: (line: string) => void): Promise<RunningServer> {
  log(`starting ${name}${name === 'kubeclusters-mock' || name === 'json-server' ? ` with ${flags.clusters} clusters` : ''}…`);
  const server = await start();
  log(`  answering after ${server.startupMs.toFixed(0)} ms, RSS ${server.rssMb().toFixed(0)} MB`);
  return server;
}

function startupLabel(name: string, flags: Flags): string {
  return name === 'bare Hono' || name === 'Prism' ? name : `${name} (${flags.clusters} clusters loaded)`;
}

/**
 * One operation on each server: uncounted seconds of warm-up each, then `duration` seconds each
 * in one-second turns, server after server, each turn once the previous server is idle again.
 * req/s is over all turns; p50 the median of the turns' and p99 the highest of them.
 */
async function measureInTurns(
  servers: readonly RunningServer[],
  operation: Operation,
  sampleFor: (server: RunningServer) => Sample,
  flags: Flags,
  samples: ReadonlyMap<RunningServer, Sample> = new Map(servers.map((server) => [server, sampleFor(server)])),
): Promise<Row[]> {
  const turns = Math.max(1, Math.round(flags.duration));
  const options = (server: RunningServer, duration: number, requests: autocannon.Request[]) => ({
    url: server.url,
    connections: flags.connections,
    headers: { Authorization: `Bearer ${server.token}`, Accept: 'application/json' },
    duration,
    requests,
  });
  // Built once per server: the PATCH pool carries each cluster's latest ETag from one turn to the next.
  const requests = servers.map((server) => operation.requests(server, sampleFor(server)));
  const results: autocannon.Result[][] = servers.map(() => []);
  const run = async (index: number, duration: number) => {
    const server = servers[index] as RunningServer;
    await untilIdle(server);
    const sample = samples.get(server);
    if (operation.resample && sample) await resample(server, sample);
    return autocannon(options(server, duration, requests[index] as autocannon.Request[]));
  };
  for (const index of servers.keys()) await run(index, WARM_UP_SECONDS);
  for (let turn = 0; turn < turns; turn++) {
    for (const index of servers.keys()) results[index]?.push(await run(index, flags.duration / turns));
  }
  for (const [index, server] of servers.entries()) log(`    ${server.name}: ${(results[index] ?? []).map((result) => Math.round(result.requests.total / result.duration)).join(', ')} req/s by turn`);
  return servers.map((server, index) => combined(server, operation, results[index] ?? []));
}

function combined(server: RunningServer, operation: Operation, results: readonly autocannon.Result[]): Row {
  const sum = (of: (result: autocannon.Result) => number) => results.reduce((total, result) => total + of(result), 0);
  const p50s = results.map((result) => result.latency.p50).sort((a, b) => a - b);
  return {
    server: server.name,
    operation: operation.name,
    requestsPerSecond: sum((result) => result.requests.total) / sum((result) => result.duration),
    p50Ms: p50s[p50s.length >> 1] ?? 0,
    p99Ms: Math.max(...results.map((result) => result.latency.p99)),
    errors: sum((result) => result.errors + result.timeouts),
    non2xx: sum((result) => result.non2xx),
    rssMb: server.rssMb(),
  };
}

/** Waits (up to a second) until the server's processes have used no CPU for 50 ms: its last turn's work (a garbage collection, say) is not charged to the next server. */
async function untilIdle(server: RunningServer): Promise<void> {
  const deadline = performance.now() + 1000;
  let last = server.cpuTicks();
  while (last !== undefined && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const now = server.cpuTicks();
    if (now === last) return;
    last = now;
  }
}

/** The table's order: bare Hono's rows (each write's body-unread row beside it), then each other server's, operations in bench order. */
function inTableOrder(rows: readonly Row[], picked: readonly Operation[]): Row[] {
  const group = (row: Row) => (row.server === BARE_UNREAD ? 'bare Hono' : row.server);
  const servers = [...new Set(rows.map(group))];
  const operation = (row: Row) => picked.findIndex((o) => o.name === row.operation);
  return [...rows].sort((a, b) => servers.indexOf(group(a)) - servers.indexOf(group(b)) || operation(a) - operation(b) || Number(a.server === BARE_UNREAD) - Number(b.server === BARE_UNREAD));
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
  return [`\n${flags.clusters} clusters preloaded, ${flags.connections} connections, ${flags.duration} s per cell`, ...lines, ...againstHttp(rows), '\nStart-up to first answer:', ...startupLines].join('\n');
}

/** Each in-process figure as a multiple of the HTTP mock's on the same operation, when the run has both. */
function againstHttp(rows: readonly Row[]): string[] {
  const http = new Map(rows.filter((r) => r.server === 'kubeclusters-mock').map((r) => [r.operation, r.requestsPerSecond]));
  const lines = rows.flatMap((r) => {
    const over = http.get(r.operation);
    return r.server.startsWith('kubeclusters-mock, ') && over ? [`  ${r.server.slice('kubeclusters-mock, '.length)}: ${(r.requestsPerSecond / over).toFixed(2)} × the HTTP mock (${r.operation})`] : [];
  });
  return lines.length > 0 ? ['\nIn process, against the HTTP mock of this run:', ...lines] : [];
}

await main(process.argv);
