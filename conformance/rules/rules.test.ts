import { describe, expect, it } from 'vitest';
import { resolveProfile } from '../../mock/options.js';
import { toExchange } from '../client.js';
import type { Exchange } from '../client.js';
import { ifMatchEnforced } from './answers.js';
import { listCounts, listLinks } from './lists.js';
import { ifMatchSent, requestBody } from './requests.js';

const context = { profile: resolveProfile('strict') };
const ID = '5eb599e603f7a77d5223efee';

function exchange(method: string, path: string, status: number, options: { body?: unknown; answer?: unknown; headers?: Record<string, string> } = {}): Exchange {
  const text = options.answer === undefined ? '' : JSON.stringify(options.answer);
  const headers = { 'Content-Type': 'application/json', ...options.headers };
  const request = { method, url: `http://server.test${path}`, headers, ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }) };
  return toExchange(request, new Response(text || null, { status, headers: text ? { 'Content-Type': 'application/json' } : {} }), text);
}

describe('the shared rules', () => {
  it('KC-VALID-3 names the unknown field of a document inside a bulk POST, as the client\'s, and the server\'s when it took it', () => {
    const bulk = exchange('POST', '/api/v1/kubeclusters', 201, { body: [{ name: 'a' }, { name: 'b', colour: 'blue' }] });
    expect(requestBody(bulk, context)).toEqual([
      { rule: 'KC-VALID-3', party: 'client', expected: 'a POST body as the spec documents it', got: '/1/colour: unknown field' },
      { rule: 'KC-VALID-3', party: 'server', expected: 'a refusal (422, or 400 for a body that is not JSON) of a body with /1/colour: unknown field', got: '201' },
    ]);
  });

  it('KC-ETAG-2 a PUT answered 201 (an upsert) needed no If-Match; a PATCH answered 200 without one breaks it on both sides', () => {
    const upsert = exchange('PUT', `/api/v1/kubeclusters/${ID}`, 201, { body: { name: 'a' } });
    expect([...ifMatchSent(upsert, context), ...ifMatchEnforced(upsert, context)]).toEqual([]);
    const patch = exchange('PATCH', `/api/v1/kubeclusters/${ID}`, 200, { body: { description: 'x' } });
    expect([...ifMatchSent(patch, context), ...ifMatchEnforced(patch, context)].map((v) => `${v.rule} ${v.party}`)).toEqual(['KC-ETAG-2 client', 'KC-ETAG-2 server']);
  });

  it('KC-LIST-2 KC-LIST-3 a last page holds the rest of the items and links prev, not next', () => {
    const page = (items: number, links: object) => exchange('GET', '/api/v1/kubeclusters?max_results=2&page=3', 200, { answer: { _items: Array.from({ length: items }, (_, i) => ({ _id: String(i) })), _meta: { page: 3, max_results: 2, total: 5 }, _links: { parent: {}, self: {}, ...links } } });
    expect([...listCounts(page(1, { prev: {} }), context), ...listLinks(page(1, { prev: {} }), context)]).toEqual([]);
    expect(listCounts(page(2, { prev: {} }), context).map((v) => v.got)).toEqual(['2 items']);
    expect(listLinks(page(1, { prev: {}, next: {} }), context).map((v) => v.rule)).toEqual(['KC-LIST-3']);
  });
});
