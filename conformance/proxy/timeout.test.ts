import { afterEach, describe, expect, it } from 'vitest';
import { startSilentServer } from '../test-support/silent-server.js';
import type { SilentServer } from '../test-support/silent-server.js';
import { summary } from './report.js';
import { startProxy } from './server.js';
import type { RunningProxy } from './server.js';

const running: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.close()));
});

async function silentUpstream(): Promise<SilentServer> {
  const upstream = await startSilentServer();
  running.push(upstream);
  return upstream;
}

async function proxyTo(target: string, timeoutMs: number): Promise<RunningProxy> {
  const proxy = await startProxy({ target, port: 0, timeoutMs });
  running.push(proxy);
  return proxy;
}

// The test's own bound: a proxy that let the client hang would fail here, not hold the run.
const send = (url: string) => fetch(`${url}/api/v1/kubeclusters`, { headers: { Authorization: 'Bearer t1' }, signal: AbortSignal.timeout(5000) });

/** The request `send` makes, as the proxy passed it on (fetch adds headers of its own after the token). */
const curlOfSent = (upstream: SilentServer) => new RegExp(`^curl -sS '${upstream.url}/api/v1/kubeclusters' -H 'authorization: Bearer \\*\\*\\*'`);

describe('the proxy in front of a server that never answers', () => {
  it('PROXY-TIMEOUT answers 504 in Eve\'s error shape after the upstream timeout, naming the upstream, and counts a server violation', async () => {
    const upstream = await silentUpstream();
    const proxy = await proxyTo(upstream.url, 300);
    const answer = await send(proxy.url);
    expect(answer.status).toBe(504);
    expect(answer.headers.get('content-type')).toBe('application/json');
    expect(await answer.json()).toEqual({
      _status: 'ERR',
      _error: { code: 504, message: `The upstream server ${upstream.url} did not answer within 0.3 s (the proxy's --upstream-timeout)` },
    });
    expect(proxy.exchanges).toBe(1);
    expect(proxy.findings.map((f) => ({ ...f.violation, status: f.exchange.status }))).toEqual([
      { rule: 'PROXY-TIMEOUT', party: 'server', expected: 'an answer within 0.3 s (--upstream-timeout)', got: `no answer from ${upstream.url} after 0.3 s`, status: 504 },
    ]);
    expect(proxy.findings[0]?.exchange.curl()).toMatch(curlOfSent(upstream));
    expect(summary(proxy.findings, proxy.exchanges)).toMatch(/^1 exchanges, 1 violations \(client 0, server 1\)\n.*\nPROXY-TIMEOUT +0 +1  the server answers every exchange within the proxy's --upstream-timeout$/);
  });

  it('on close, answers an exchange still in flight with 504 at once and lists it as unanswered, not as a violation', async () => {
    const upstream = await silentUpstream();
    const proxy = await proxyTo(upstream.url, 60_000);
    const answer = send(proxy.url);
    await upstream.receivedAtLeast(1);
    await proxy.close();
    const answered = await answer;
    expect(answered.status).toBe(504);
    expect(await answered.json()).toEqual({ _status: 'ERR', _error: { code: 504, message: `The proxy stopped before the upstream server ${upstream.url} answered` } });
    expect(proxy.findings).toEqual([]);
    expect(proxy.exchanges).toBe(0);
    expect(proxy.unanswered).toEqual([{ request: expect.stringMatching(curlOfSent(upstream)), waited: expect.any(Number) }]);
    expect(summary(proxy.findings, proxy.exchanges, proxy.unanswered)).toMatch(/\n1 unanswered when the proxy stopped \(their clients got 504\):\n {2}after [\d.]+ s: curl -sS '.+\/api\/v1\/kubeclusters'/);
  });
});
