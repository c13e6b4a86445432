import { afterEach, describe, expect, it } from 'vitest';
import { startMockServer } from '../../mock/node/server.js';
import type { RunningMock } from '../../mock/node/server.js';
import { runChecks } from '../run.js';
import { IN_PROCESS_TOKENS, configFromEnv, openTarget } from '../target.js';
import { brokenVariants, variantFetch } from '../test-support/variants.js';
import { carefulSession, carelessSession } from '../test-support/traffic.js';
import type { Session } from '../test-support/traffic.js';
import { startProxy } from './server.js';
import type { ProxyOptions, RunningProxy } from './server.js';

const running: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.close()));
});

async function served(): Promise<RunningMock> {
  const mock = await startMockServer({ port: 0, tokens: [...IN_PROCESS_TOKENS], activationDelayMs: 1000 });
  running.push(mock);
  return mock;
}

async function proxy(options: ProxyOptions): Promise<RunningProxy> {
  const started = await startProxy({ port: 0, ...options });
  running.push(started);
  return started;
}

const found = (p: RunningProxy, party: 'client' | 'server') => p.findings.filter((f) => f.violation.party === party).map((f) => `${f.violation.rule}: expected ${f.violation.expected}; got ${f.violation.got}`);
const rulesOf = (p: RunningProxy, party: 'client' | 'server') => [...new Set(p.findings.filter((f) => f.violation.party === party).map((f) => f.violation.rule))].sort();
const statuses = (session: Session) => session.exchanges.map((e) => e.status);

describe('the proxy in front of the mock', () => {
  it('finds no violation in a careful client session, and judges every exchange of it', async () => {
    const p = await proxy({ target: (await served()).url });
    const session = await carefulSession(p.url);
    expect(found(p, 'server')).toEqual([]);
    expect(found(p, 'client')).toEqual([]);
    // Forwarded as the server answered: created, not modified, unauthorized, the stale write refused, deleted, gone.
    expect(statuses(session)).toEqual(expect.arrayContaining([201, 304, 401, 412, 204, 404]));
    expect(session.exchanges.find((e) => e.request.url.endsWith(session.exchanges[2]!.body._id) && e.body?.status)?.body.status.state).toBe('ACTIVE');
    // The two control-clock calls go through the proxy too: forwarded and counted, but not judged.
    expect(p.exchanges).toBe(session.exchanges.length + 2);
  });

  it("finds no server violation in the conformance suite's own traffic, and the suite's deliberate mistakes as the client's", async () => {
    const mock = await served();
    const p = await proxy({ target: mock.url });
    const config = { ...configFromEnv({}), baseUrl: p.url, controlUrl: mock.url, token: IN_PROCESS_TOKENS[0], token2: IN_PROCESS_TOKENS[1], runId: 'proxy' };
    // The MOCK area injects a fault the spec does not document (503): that one is a true finding, so it is left out here.
    const results = await runChecks(openTarget(config), { only: (id) => !id.startsWith('KC-MOCK-') });
    expect(results.filter((r) => r.outcome !== 'passed').map((r) => r.message)).toEqual([]);
    expect(found(p, 'server')).toEqual([]);
    expect(rulesOf(p, 'client')).toEqual(expect.arrayContaining(['KC-CREATE-5', 'KC-DELETE-2', 'KC-ETAG-2', 'KC-VALID-1', 'KC-VALID-2', 'KC-VALID-3', 'KC-VALID-9']));
    expect(p.exchanges).toBeGreaterThan(300);
  });

  it('KC-VALID-3 KC-VALID-2 KC-CREATE-5 KC-ETAG-2 KC-DELETE-2 a careless client: every mistake is found and attributed to the client', async () => {
    const p = await proxy({ target: (await served()).url });
    const session = await carelessSession(p.url);
    expect(statuses(session)).toEqual([422, 422, 422, 201, 428, 428]);
    expect(found(p, 'server')).toEqual([]);
    expect(rulesOf(p, 'client')).toEqual(['KC-CREATE-5', 'KC-DELETE-2', 'KC-ETAG-2', 'KC-VALID-2', 'KC-VALID-3']);
    const line = p.findings.find((f) => f.violation.rule === 'KC-VALID-3');
    expect(line?.violation.got).toBe('/colour: unknown field');
    expect(line?.exchange.curl()).toMatch(/'authorization: Bearer \*\*\*'/i);
    expect(line?.exchange.curl()).not.toContain(IN_PROCESS_TOKENS[0]);
  });

  it('under the lenient profile, a DELETE without If-Match is no violation of either side', async () => {
    const mock = await startMockServer({ port: 0, tokens: [...IN_PROCESS_TOKENS], profile: 'lenient' });
    running.push(mock);
    const p = await proxy({ target: mock.url, profile: 'lenient' });
    const session = await carelessSession(p.url);
    expect(statuses(session).at(-1)).toBe(204);
    expect(rulesOf(p, 'client')).not.toContain('KC-DELETE-2');
    expect(found(p, 'server')).toEqual([]);
  });
});

/** Each row: a broken variant, the session that shows its fault, and the rule the proxy must name. */
const brokenServers: Array<[rule: string, variant: string, session: (url: string) => Promise<Session>]> = [
  ['KC-ETAG-2', 'writes without If-Match are accepted (no 428)', carelessSession],
  ['KC-ETAG-3', 'a stale If-Match is accepted (no 412)', carefulSession],
  ['KC-STATE-4', 'server-side state changes leave the ETag as it was', carefulSession],
  ['KC-CREATE-1', 'POST answers without Location', carefulSession],
  ['KC-LIST-1', 'lists come without _meta', carefulSession],
  ['KC-LIST-2', 'paging is off by one', carefulSession],
  ['KC-READ-3', 'If-None-Match is ignored (no 304)', carefulSession],
  ['KC-DELETE-2', 'DELETE without If-Match is accepted under the strict profile', carelessSession],
  ['KC-VALID-2', 'a number is accepted as description', carelessSession],
  ['KC-CREATE-5', '_id and status are taken from the POST body without complaint', carelessSession],
  ['KC-AUTH-1', 'authentication is off', carefulSession],
  ['KC-LIST-3', '_meta.total counts the page, not the matches', carefulSession],
  ['KC-LIST-6', 'X-Total-Count counts the page, not the matches', carefulSession],
  ['KC-UPDATE-1', 'PATCH answers 200 with the patched cluster but stores nothing', carefulSession],
  ['KC-DELETE-1', 'DELETE answers 204 but keeps the cluster', carefulSession],
  ['KC-ETAG-1', '_updated is renewed in the answer but not in storage', carefulSession],
  ['KC-UPDATE-1', 'PATCH moves _created in storage (the answer keeps it)', carefulSession],
];

describe('the proxy in front of deliberately broken servers', () => {
  it.each(brokenServers)('finds %s when %s', async (rule, name, session) => {
    const variant = brokenVariants.find((v) => v.name === name);
    expect(variant, `a variant named "${name}" in conformance/test-support`).toBeDefined();
    const p = await proxy({ target: 'http://mock.local', fetch: variantFetch(variant!) });
    await session(p.url);
    expect(rulesOf(p, 'server')).toContain(rule);
    const finding = p.findings.find((f) => f.violation.rule === rule && f.violation.party === 'server');
    expect(finding?.exchange.curl()).toMatch(/^curl -sS /);
  });
});
