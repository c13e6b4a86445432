// The mock without a port: GET item through the core's `app.fetch` and through MSW's setupServer
// (the global fetch intercepted), in this process, with the bench's clusters loaded through /__mock.
import { setupServer } from 'msw/node';
import { createMswMock } from '../msw/index.js';

export interface InProcessFigure {
  server: string;
  operation: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  rssMb: number;
}

const BASE_URL = 'https://api.cloudcasa.test';
const TOKEN = 'bench';
const OPERATION = 'GET item';
const WARM_UP_MS = 1000;

type Fetcher = (url: string, init: RequestInit) => Promise<Response>;

/** GET item through `app.fetch`, then through MSW: `seconds` each after a warm-up, `concurrency` requests in flight. */
export async function measureInProcess(clusters: number, seconds: number, concurrency: number, log: (line: string) => void): Promise<InProcessFigure[]> {
  const mock = createMswMock({ baseUrl: BASE_URL, tokens: [TOKEN], activationDelayMs: 'never' });
  if (clusters > 0) await mock.control.loadFixtures({ generate: clusters, tenant: TOKEN });
  const listed = (await (await mock.fetch(`${BASE_URL}/api/v1/kubeclusters?max_results=1`, { headers: { Authorization: `Bearer ${TOKEN}` } })).json()) as { _items: Array<{ _id: string }> };
  const id = listed._items[0]?._id;
  if (id === undefined) throw new Error('in-process bench: no cluster to read (give --clusters 1 or more)');
  const url = `${BASE_URL}/api/v1/kubeclusters/${id}`;
  const figures: InProcessFigure[] = [];
  // Every answer is read to its bytes. The server's side, as the HTTP bench counts it (its client is
  // another process): one Request object sent again and again, the caller's cost of making one left
  // out. Then what a test pays: a new Request each time (Node's constructor makes an AbortSignal for
  // each, which costs more than the mock's answer).
  const request = new Request(url, { headers: { Authorization: `Bearer ${TOKEN}`, Accept: 'application/json' } });
  log(`  in process: ${OPERATION} through app.fetch for ${seconds} s (server side, then round trip)…`);
  figures.push(await measure('kubeclusters-mock, app.fetch, server side', () => Promise.resolve(mock.app.fetch(request)), url, seconds, concurrency));
  figures.push(await measure('kubeclusters-mock, app.fetch, round trip', (input, init) => Promise.resolve(mock.app.fetch(new Request(input, init))), url, seconds, concurrency));
  const server = setupServer(...mock.handlers);
  server.listen({ onUnhandledRequest: 'error' });
  try {
    log(`  in process: ${OPERATION} through MSW (setupServer, global fetch) for ${seconds} s…`);
    figures.push(await measure('kubeclusters-mock, MSW setupServer, round trip', (input, init) => fetch(input, init), url, seconds, concurrency));
  } finally {
    server.close();
  }
  return figures;
}

async function measure(server: string, fetcher: Fetcher, url: string, seconds: number, concurrency: number): Promise<InProcessFigure> {
  const init = { headers: { Authorization: `Bearer ${TOKEN}`, Accept: 'application/json' } };
  await load(fetcher, url, init, WARM_UP_MS, concurrency);
  const { latencies, non2xx, elapsedMs } = await load(fetcher, url, init, seconds * 1000, concurrency);
  latencies.sort((a, b) => a - b);
  const at = (share: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * share))] ?? 0;
  return { server, operation: OPERATION, requestsPerSecond: (latencies.length * 1000) / elapsedMs, p50Ms: at(0.5), p99Ms: at(0.99), non2xx, rssMb: process.memoryUsage().rss / 2 ** 20 };
}

/** `concurrency` loops, each sending the next request once its answer's bytes are read, until `durationMs` is over. */
async function load(fetcher: Fetcher, url: string, init: RequestInit, durationMs: number, concurrency: number): Promise<{ latencies: number[]; non2xx: number; elapsedMs: number }> {
  const latencies: number[] = [];
  let non2xx = 0;
  const started = performance.now();
  const end = started + durationMs;
  const loop = async () => {
    while (performance.now() < end) {
      const sent = performance.now();
      const response = await fetcher(url, init);
      await response.arrayBuffer();
      latencies.push(performance.now() - sent);
      if (response.status >= 300) non2xx++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  return { latencies, non2xx, elapsedMs: performance.now() - started };
}
