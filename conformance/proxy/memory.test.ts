import { describe, expect, it } from 'vitest';
import { toExchange } from '../client.js';
import type { Exchange } from '../client.js';
import { DocumentMemory } from './memory.js';

const ID = '5eb599e603f7a77d5223efee';
const url = `http://server.test/api/v1/kubeclusters/${ID}`;
const version = (etag: string, description: string) => ({ _id: ID, _etag: etag, _created: 'Fri, 08 May 2020 17:41:58 GMT', _updated: 'Fri, 08 May 2020 17:41:58 GMT', name: 'a', description });

function exchange(method: string, status: number, body: unknown, token = 'a', headers: Record<string, string> = {}): Exchange {
  const text = body === undefined ? '' : JSON.stringify(body);
  const response = new Response(text === '' ? null : text, { status, headers: text === '' ? {} : { 'Content-Type': 'application/json' } });
  return toExchange({ method, url, headers: { Authorization: `Bearer ${token}`, ...headers } }, response, text);
}

describe('the proxy memory', () => {
  it('KC-UPDATE-1 a read sent before a write was answered may show the older version; one sent after it may not', () => {
    const memory = new DocumentMemory();
    expect(memory.observe(exchange('GET', 200, version('e1', 'one')), { sentAt: 1, answeredAt: 2 })).toEqual([]);
    expect(memory.observe(exchange('PATCH', 200, version('e2', 'two'), 'a', { 'If-Match': 'e1' }), { sentAt: 3, answeredAt: 5 })).toEqual([]);
    expect(memory.observe(exchange('GET', 200, version('e1', 'one')), { sentAt: 4, answeredAt: 6 })).toEqual([]);
    const late = memory.observe(exchange('GET', 200, version('e1', 'one')), { sentAt: 7, answeredAt: 8 });
    expect(late.map((v) => [v.rule, v.party])).toEqual([['KC-UPDATE-1', 'server']]);
    expect(late[0]?.got).toBe('an older version, _etag e1');
  });

  it('KC-ETAG-1 the same _etag for a different document is the server\'s violation', () => {
    const memory = new DocumentMemory();
    memory.observe(exchange('GET', 200, version('e1', 'one')), { sentAt: 1, answeredAt: 2 });
    const found = memory.observe(exchange('GET', 200, version('e1', 'changed')), { sentAt: 3, answeredAt: 4 });
    expect(found).toEqual([{ rule: 'KC-ETAG-1', party: 'server', expected: `a new _etag for a changed document (${ID}: description: "one" → "changed")`, got: 'the same _etag e1' }]);
  });

  it("KC-DELETE-1 keeps tenants apart: another tenant's DELETE answered 204 does not make the owner's read a violation", () => {
    const memory = new DocumentMemory();
    memory.observe(exchange('GET', 200, version('e1', 'one')), { sentAt: 1, answeredAt: 2 });
    memory.observe(exchange('DELETE', 204, undefined, 'b', { 'If-Match': 'e1' }), { sentAt: 3, answeredAt: 4 });
    expect(memory.observe(exchange('GET', 200, version('e1', 'one')), { sentAt: 5, answeredAt: 6 })).toEqual([]);
    memory.observe(exchange('DELETE', 204, undefined, 'a', { 'If-Match': 'e1' }), { sentAt: 7, answeredAt: 8 });
    expect(memory.observe(exchange('GET', 200, version('e1', 'one')), { sentAt: 9, answeredAt: 10 }).map((v) => v.rule)).toEqual(['KC-DELETE-1']);
  });
});
