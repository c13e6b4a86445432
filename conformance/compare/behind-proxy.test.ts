// compare on a real deployment's shape: two fresh mocks on 127.0.0.1, the second behind a reverse
// proxy that rewrites Host to its upstream (nginx's default), so it names the upstream's host in
// agentURL and Location. 3 seeds × 1,000 requests: no difference at all, none allowed either.
import { describe, expect, it } from 'vitest';
import { startMockServer } from '../../mock/node/server.js';
import { formatSummary } from './report.js';
import { runCompare } from './run.js';
import { startHostRewritingProxy } from './test-support/host-rewriting-proxy.js';
import { TOKENS } from './test-support/servers.js';

const SEEDS = [1, 2, 3];
const REQUESTS = 1000;

async function upstreamHost(proxyUrl: string): Promise<string> {
  const created = await fetch(`${proxyUrl}/api/v1/kubeclusters`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${TOKENS[0]}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'where-am-i' }),
  });
  const body = (await created.json()) as { status: { agentURL: string } };
  return new URL(body.status.agentURL).host;
}

describe('compare through a Host-rewriting reverse proxy', () => {
  it('COMPARE-PROXY-1 the proxy makes the server behind it name its upstream host, not the base URL the client used', async () => {
    const mock = await startMockServer({ port: 0, profile: 'strict', tokens: [...TOKENS] });
    const proxy = await startHostRewritingProxy(mock.url);
    try {
      expect(await upstreamHost(proxy.url)).toBe(new URL(mock.url).host);
      expect(new URL(mock.url).host).not.toBe(new URL(proxy.url).host);
    } finally {
      await proxy.close();
      await mock.close();
    }
  });

  it.for(SEEDS)('COMPARE-PROXY-2 seed %i: a mock and a mock behind the proxy answer 1,000 requests alike', { timeout: 60_000 }, async (seed) => {
    const direct = await startMockServer({ port: 0, profile: 'strict', tokens: [...TOKENS] });
    const upstream = await startMockServer({ port: 0, profile: 'strict', tokens: [...TOKENS] });
    const proxy = await startHostRewritingProxy(upstream.url);
    try {
      const outcome = await runCompare({
        a: { baseUrl: direct.url },
        b: { baseUrl: proxy.url },
        token: TOKENS[0],
        token2: TOKENS[1],
        seed,
        requests: REQUESTS,
        prefix: `compare-proxy${seed}-`,
        allowList: [],
      });
      if (!outcome.ran) throw new Error(`compare could not run: ${outcome.reason}`);
      const report = formatSummary(outcome.summary, { a: 'mock', b: 'mock behind the proxy' });
      expect(outcome.summary.requests).toBe(REQUESTS);
      expect(outcome.summary.differences.map((kind) => `${kind.count}× ${kind.kind}`), report.join('\n')).toEqual([]);
      expect(outcome.summary.allowedCount).toBe(0);
    } finally {
      await proxy.close();
      await Promise.all([direct.close(), upstream.close()]);
    }
  });
});
