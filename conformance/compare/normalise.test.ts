import { describe, expect, it } from 'vitest';
import type { Exchange } from '../client.js';
import { normalise } from './normalise.js';
import { SymbolTable } from './symbols.js';
import type { Step } from './steps.js';

const ID = '6b069e585b8a853dc5fdb3c5';
const ETAG = '3971190abffa5b2f0b9da362e19c90f717f6505f';
const DATE = 'Wed, 25 Nov 2026 08:37:44 GMT';
const origin = 'http://127.0.0.1:5011';
const create: Step = { index: 0, shape: 'POST kubeclusters: valid', sender: 'a', method: 'POST', path: '/api/v1/kubeclusters', headers: {}, creates: ['a:kubeclusters#1'], resource: 'kubeclusters' };

function exchange(status: number, headers: Record<string, string>, body: unknown, method = 'GET'): Exchange {
  const text = body === undefined ? '' : JSON.stringify(body);
  return { request: { method, url: `${origin}/x`, headers: {} }, status, headers: new Headers(headers), text, body, specProblems: [], curl: () => '' };
}

const cluster = { _id: ID, _etag: ETAG, _created: DATE, _updated: DATE, name: 'c1', status: { state: 'REGISTERED', agentURL: `${origin}/kubeclusteragents/agent-ee659/ee6596807a81eb.yaml` }, _links: { self: { href: `kubeclusters/${ID}` } } };

describe('normalising an answer', () => {
  it('COMPARE-NORM-1 ids, etags, dates and the agent URL become symbols; the ETag header is checked against _etag', () => {
    const symbols = new SymbolTable();
    symbols.learn(create, 201, cluster);
    const answer = normalise(exchange(201, { 'Content-Type': 'application/json; charset=utf-8', Location: `${origin}/api/v1/kubeclusters/${ID}`, ETag: `"${ETAG}"`, 'Last-Modified': DATE }, cluster, 'POST'), { symbols, origin });
    expect(answer).toEqual({
      status: 201,
      headers: { 'content-type': 'application/json', location: '/api/v1/kubeclusters/<a:kubeclusters#1>', etag: '"<etag a:kubeclusters#1>" (= _etag)', 'last-modified': '<date> (= _updated)' },
      body: {
        _id: '<a:kubeclusters#1>', _etag: '<etag a:kubeclusters#1>', _created: '<date>', _updated: '<date>', name: 'c1',
        status: { state: 'REGISTERED', agentURL: '<origin>/kubeclusteragents/agent-<short>/<token>.yaml' },
        _links: { self: { href: 'kubeclusters/<a:kubeclusters#1>' } },
      },
    });
  });

  it('COMPARE-NORM-2 an earlier etag is named as such; an ETag header unequal to _etag says so', () => {
    const symbols = new SymbolTable();
    symbols.learn(create, 201, cluster);
    const newer = { ...cluster, _etag: 'a'.repeat(40) };
    symbols.learn({ ...create, creates: undefined }, 200, newer);
    const answer = normalise(exchange(200, { ETag: `"${ETAG}"` }, newer), { symbols, origin });
    expect(answer.headers['etag']).toBe('"<etag a:kubeclusters#1 (earlier)>" (≠ _etag)');
    expect(symbols.resolve('{{etag a:kubeclusters#1}} {{stale a:kubeclusters#1}} {{id a:kubeclusters#1}}')).toBe(`${'a'.repeat(40)} ${ETAG} ${ID}`);
  });

  it('COMPARE-NORM-3 Allow is a set; Last-Modified of a list is checked against its latest _updated; a bad date stays visible', () => {
    const symbols = new SymbolTable();
    const later = 'Thu, 26 Nov 2026 08:37:44 GMT';
    const list = { _items: [{ _updated: DATE }, { _updated: later }] };
    const a = normalise(exchange(200, { Allow: 'POST, GET,HEAD, OPTIONS', 'Last-Modified': later, 'X-Total-Count': '2' }, list), { symbols, origin });
    expect(a.headers).toMatchObject({ allow: 'GET, HEAD, OPTIONS, POST', 'last-modified': '<date> (= latest _items._updated)', 'x-total-count': '2' });
    const b = normalise(exchange(200, { 'Last-Modified': '2026-11-26' }, list), { symbols, origin });
    expect(b.headers['last-modified']).toBe('not an HTTP date: 2026-11-26');
  });

  it('COMPARE-NORM-4 no Content-Type is compared on an answer without an entity (204, 304, an empty OPTIONS)', () => {
    const symbols = new SymbolTable();
    expect(normalise(exchange(204, { 'Content-Type': 'text/html' }, undefined, 'DELETE'), { symbols, origin }).headers).toEqual({});
    expect(normalise(exchange(200, { 'Content-Type': 'text/html', Allow: 'GET' }, undefined, 'OPTIONS'), { symbols, origin }).headers).toEqual({ allow: 'GET' });
    expect(normalise(exchange(200, { 'Content-Type': 'application/json' }, undefined, 'HEAD'), { symbols, origin }).headers).toEqual({ 'content-type': 'application/json' });
  });

  it('COMPARE-NORM-5 an absolute URL naming another host (a public name, a proxy\'s upstream) loses its origin as the server\'s own does', () => {
    const symbols = new SymbolTable();
    symbols.learn(create, 201, cluster);
    const elsewhere = 'https://api.cloudcasa.example:8443';
    const behindProxy = {
      ...cluster,
      status: { state: 'REGISTERED', agentURL: `${elsewhere}/kubeclusteragents/agent-ee659/ee6596807a81eb.yaml` },
      _links: { self: { href: `${elsewhere}/api/v1/kubeclusters/${ID}` }, parent: { href: 'http://upstream:5000' } },
    };
    const own = normalise(exchange(201, { Location: `${origin}/api/v1/kubeclusters/${ID}` }, { ...cluster, _links: { self: { href: `${origin}/api/v1/kubeclusters/${ID}` }, parent: { href: origin } } }, 'POST'), { symbols, origin });
    const other = normalise(exchange(201, { Location: `${elsewhere}/api/v1/kubeclusters/${ID}` }, behindProxy, 'POST'), { symbols, origin });
    expect(other).toEqual(own);
    expect(other.body).toMatchObject({ status: { agentURL: '<origin>/kubeclusteragents/agent-<short>/<token>.yaml' }, _links: { self: { href: '<origin>/api/v1/kubeclusters/<a:kubeclusters#1>' }, parent: { href: '<origin>' } } });
    expect(other.headers['location']).toBe('/api/v1/kubeclusters/<a:kubeclusters#1>');
  });

  it('COMPARE-NORM-6 text that only contains a URL, or is not one, is kept as it is', () => {
    const symbols = new SymbolTable();
    const body = { description: 'see http://example.com/x', container_registry: 'registry.example.com/mirror', note: 'ftp://host/x' };
    expect(normalise(exchange(200, {}, body), { symbols, origin }).body).toEqual(body);
  });
});
