// `npm run bench`: the mock against bare Hono (and with --peers Prism and json-server) on the same
// routes, driven by autocannon over 127.0.0.1 for a bounded time; prints req/s, p50, p99, RSS, ratios.
import { writeFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { Command, Option } from 'commander';
import { startBare, startJsonServer, startMock, startPrism } from './servers.js';
import type { RunningServer } from './servers.js';

interface Flags {
  peers: boolean;
  clusters: number;
  duration: number;
  connections: number;
  json?: string;
}

interface Operation {
  name: string;
  request: (server: RunningServer, sample: Sample) => autocannon.Request;
  /** PATCH needs each connection to carry its own cluster's latest ETag. */
  patch?: boolean;
}

interface Sample {
  ids: string[];
  etags: string[];
  names: string[];
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

const json = { 'Content-Type': 'application/json' };

const operations: Operation[] = [
  { name: 'GET item', request: (_s, sample) => ({ method: 'GET', path: itemPath(sample.ids[0]!) }) },
  { name: 'GET list (25)', request: (s) => ({ method: 'GET', path: listPath(s, {}) }) },
  { name: 'GET where name', request: (s, sample) => ({ method: 'GET', path: listPath(s, { name: sample.names[sample.names.length >> 1]! }) }) },
  { name: 'GET where state, sort -_updated', request: (s) => ({ method: 'GET', path: listPath(s, { 'status.state': 'ACTIVE' }, true) }) },
  { name: 'POST', request: () => ({ method: 'POST', path: COLLECTION, headers: json }) },
  { name: 'PATCH If-Match', request: () => ({ method: 'PATCH', path: COLLECTION, headers: json }), patch: true },
];

const COLLECTION = '/api/v1/kubeclusters';

function itemPath(id: string): string {
  return `${COLLECTION}/${id}`;
}

function listPath(server: RunningServer, where: Record<string, string>, sortByUpdated = false): string {
  if (server.name === 'json-server') {
    const params = new URLSearchParams({ ...where, _limit: '25', _page: '1' });
    if (sortByUpdated) params.set('_sort', '_updated'), params.set('_order', 'desc');
    return `/kubeclusters?${params}`;
  }
  const params = new URLSearchParams();
  if (Object.keys(where).length > 0) params.set('where', JSON.stringify(where));
  if (sortByUpdated) params.set('sort', '-_updated');
  const query = params.toString();
  return `/api/v1/kubeclusters${query ? `?${query}` : ''}`;
}

async function main(argv: string[]): Promise<void> {
  const flags = new Command('bench')
    .description('Benchmark the mock against bare Hono (and Prism, json-server with --peers)')
    .option('--peers', 'also run Prism and json-server (installed on demand into node_modules/.cache)', false)
    .addOption(new Option('--clusters <n>', 'clusters preloaded from the fixtures generator').default(10_000).argParser(Number))
    .addOption(new Option('--duration <seconds>', 'seconds per server and operation').default(5).argParser(Number))
    .addOption(new Option('--connections <n>', 'concurrent connections').default(10).argParser(Number))
    .option('--json <path>', 'also write the figures as JSON')
    .parse(argv)
    .opts<Flags>();
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const rows: Row[] = [];
  const startups: Record<string, number> = {};
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
  startups['kubeclusters-mock (no data)'] = empty.startupMs;
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
    startups[name === 'bare Hono' || name === 'Prism' ? name : `${name} (${flags.clusters} clusters loaded)`] = server.startupMs;
    log(`  answering after ${server.startupMs.toFixed(0)} ms, RSS ${server.rssMb().toFixed(0)} MB`);
    try {
      const sample = await sampleOf(server);
      for (const operation of operations) {
        log(`  ${name}: ${operation.name} for ${flags.duration} s…`);
        rows.push(await measure(server, operation, sample, flags));
      }
    } finally {
      await server.stop();
    }
  }
  console.log(renderTable(rows, startups, flags));
  if (skipped.length > 0) console.log(`\nNot measured:\n${skipped.map((line) => `  ${line}`).join('\n')}`);
  if (flags.json) writeFileSync(flags.json, `${JSON.stringify({ clusters: flags.clusters, duration: flags.duration, connections: flags.connections, startupMs: startups, rows }, null, 2)}\n`);
}

/** Ids, ETags and names to aim at: read from the server itself, so every server gets real targets. */
async function sampleOf(server: RunningServer): Promise<Sample> {
  const sample: Sample = { ids: [], etags: [], names: [] };
  const path = server.name === 'json-server' ? '/kubeclusters?_limit=50' : `${server.apiPrefix}/kubeclusters?max_results=50&page=2`;
  const response = await fetch(`${server.url}${path}`, { headers: { Authorization: `Bearer ${server.token}` } });
  const body = (await response.json()) as { _items?: Array<Record<string, string>> } | Array<Record<string, string>>;
  const items = Array.isArray(body) ? body : (body._items ?? []);
  for (const item of items) {
    sample.ids.push(item['id'] ?? item['_id'] ?? '5eb599e603f7a77d5223efee');
    sample.etags.push(item['_etag'] ?? '');
    sample.names.push(item['name'] ?? 'testcluster');
  }
  if (sample.ids.length === 0) sample.ids.push('5eb599e603f7a77d5223efee'), sample.etags.push(''), sample.names.push('testcluster');
  return sample;
}

async function measure(server: RunningServer, operation: Operation, sample: Sample, flags: Flags): Promise<Row> {
  const base = operation.request(server, sample);
  let created = 0;
  // Paths are written with the spec's /api/v1 root; Prism and json-server serve them without it.
  const request: autocannon.Request = { ...base, path: base.path?.replace('/api/v1', server.apiPrefix) };
  if (base.method === 'POST') {
    request.setupRequest = (req) => ({ ...req, body: JSON.stringify({ name: `bench-${process.pid}-${server.name.length}-${created++}`, description: 'load' }) });
  }
  if (operation.patch) {
    // autocannon clears a connection's context between requests, so clusters and their latest ETags
    // live in a shared pool: a request takes a free cluster and gives it back with the new ETag.
    const free = sample.ids.map((_, index) => index);
    const etags = [...sample.etags];
    request.setupRequest = (req, raw) => {
      const context = raw as Record<string, unknown>;
      const index = free.shift() ?? 0;
      context['index'] = index;
      const path = `${server.apiPrefix}/kubeclusters/${sample.ids[index]}`;
      return { ...req, path, headers: { ...req.headers, 'If-Match': etags[index] ?? '' }, body: JSON.stringify({ description: `patched ${created++}` }) };
    };
    request.onResponse = (_status, body, raw) => {
      const index = (raw as Record<string, unknown>)['index'] as number;
      try {
        etags[index] = (JSON.parse(body) as { _etag?: string })._etag ?? etags[index] ?? '';
      } catch {
        // Not JSON: keep the ETag we had.
      }
      free.push(index);
    };
  }
  // One second first, not counted: the JIT and the caches warm up, for every server alike.
  await autocannon({ url: server.url, connections: flags.connections, duration: 1, headers: { Authorization: `Bearer ${server.token}`, Accept: 'application/json' }, requests: [request] });
  const result = await autocannon({
    url: server.url,
    connections: flags.connections,
    duration: flags.duration,
    headers: { Authorization: `Bearer ${server.token}`, Accept: 'application/json' },
    requests: [request],
  });
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

export function renderTable(rows: readonly Row[], startups: Record<string, number>, flags: Pick<Flags, 'clusters' | 'duration' | 'connections'>): string {
  const bare = new Map(rows.filter((r) => r.server === 'bare Hono').map((r) => [r.operation, r.requestsPerSecond]));
  const header = ['server', 'operation', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'RSS MB', '× bare'];
  const body = rows.map((r) => [
    r.server,
    r.operation,
    r.requestsPerSecond.toFixed(0),
    r.p50Ms.toFixed(1),
    r.p99Ms.toFixed(1),
    String(r.non2xx + r.errors),
    r.rssMb.toFixed(0),
    bare.get(r.operation) ? (r.requestsPerSecond / (bare.get(r.operation) as number)).toFixed(2) : '',
  ]);
  const table = [header, ...body];
  const widths = header.map((_, c) => Math.max(...table.map((row) => row[c]!.length)));
  const lines = table.map((row) => row.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
  const startupLines = Object.entries(startups).map(([name, ms]) => `  ${name}: ${ms.toFixed(0)} ms`);
  return [`\n${flags.clusters} clusters preloaded, ${flags.connections} connections, ${flags.duration} s per cell`, ...lines, '\nStart-up to first answer:', ...startupLines].join('\n');
}

await main(process.argv);
