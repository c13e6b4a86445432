// `npm run soak -- --seconds N`: mixed traffic against the mock as users run it, for a bounded time.
// Prints the server's RSS as it goes and fails (exit 1) if memory keeps growing once warm: the
// journal, caches and every other buffer must be bounded while the data itself stays the same size.
import { Command, Option } from 'commander';
import { startMock } from './servers.js';

interface Flags {
  seconds: number;
  clients: number;
}

const flags = new Command('soak')
  .description('Mixed traffic against the mock for a bounded time; fails if its memory keeps growing')
  .addOption(new Option('--seconds <n>', 'how long').default(60).argParser(Number))
  .addOption(new Option('--clients <n>', 'concurrent clients').default(20).argParser(Number))
  .parse(process.argv)
  .opts<Flags>();

const server = await startMock(4600 + Math.floor(Math.random() * 300), 1000);
const headers = { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' };
const deadline = Date.now() + flags.seconds * 1000;
const statuses = new Map<number, number>();
let requests = 0;
let failures = 0;

async function call(method: string, path: string, body?: unknown, extra: Record<string, string> = {}): Promise<any> {
  requests++;
  try {
    const response = await fetch(`${server.url}/api/v1/kubeclusters${path}`, { method, headers: { ...headers, ...extra }, ...(body === undefined ? {} : { body: JSON.stringify(body) }), signal: AbortSignal.timeout(5000) });
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    if (response.status >= 500) failures++;
    const text = await response.text();
    return text ? JSON.parse(text) : undefined;
  } catch {
    failures++;
    return undefined;
  }
}

/** One client: create a cluster, read and list, patch it a few times, delete it; again until the deadline. */
async function client(index: number): Promise<void> {
  for (let round = 0; Date.now() < deadline; round++) {
    const created = await call('POST', '', { name: `soak-${index}-${round}`, tags: { round: String(round) } });
    if (!created?._id) continue;
    let etag: string = created._etag;
    for (let i = 0; i < 3; i++) {
      await call('GET', `/${created._id}`);
      await call('GET', `?where=${encodeURIComponent(JSON.stringify({ 'tags.round': String(round) }))}&sort=-_updated`);
      const patched = await call('PATCH', `/${created._id}`, { description: `patch ${i}` }, { 'If-Match': etag });
      etag = patched?._etag ?? etag;
    }
    await call('DELETE', `/${created._id}`, undefined, { 'If-Match': etag });
  }
}

const samples: number[] = [];
const sampler = setInterval(() => {
  const rss = server.rssMb();
  samples.push(rss);
  process.stderr.write(`  ${samples.length}s: RSS ${rss.toFixed(0)} MB, ${requests} requests\n`);
}, 1000);

console.log(`soak: ${flags.clients} clients for ${flags.seconds} s against ${server.url} (1000 clusters preloaded); RSS at start ${server.rssMb().toFixed(0)} MB`);
await Promise.all(Array.from({ length: flags.clients }, (_, index) => client(index)));
clearInterval(sampler);
const end = server.rssMb();
await server.stop();

// Warm-up (the first third) is allowed to grow; after it, the last third must not outgrow the middle.
const third = Math.max(1, Math.floor(samples.length / 3));
const middle = Math.max(...samples.slice(third, 2 * third));
const last = Math.max(...samples.slice(2 * third));
const growing = last > middle * 1.15 + 16;
const byStatus = [...statuses].sort((a, b) => a[0] - b[0]).map(([status, n]) => `${status}: ${n}`).join(', ');
console.log(`soak: ${requests} requests (${byStatus}), ${failures} errors; RSS start ${samples[0]?.toFixed(0)} MB, middle-third peak ${middle.toFixed(0)} MB, last-third peak ${last.toFixed(0)} MB, end ${end.toFixed(0)} MB`);
if (failures > 0 || growing) {
  console.log(`soak: FAILED (${failures > 0 ? `${failures} errors` : 'memory kept growing'})`);
  process.exit(1);
}
console.log('soak: passed');
