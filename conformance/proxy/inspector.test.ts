import { describe, expect, it } from 'vitest';
import { toExchange } from '../client.js';
import type { Exchange } from '../client.js';
import { Inspector } from './inspector.js';

const ID = '5eb599e603f7a77d5223efee';
const url = `http://server.test/api/v1/kubeclusters/${ID}`;
const cluster = { _id: ID, _etag: 'e1', _created: 'Fri, 08 May 2020 17:41:58 GMT', _updated: 'Fri, 08 May 2020 17:41:58 GMT', name: 'a', status: { state: 'REGISTERED', agentURL: 'http://server.test/kubeclusteragents/agent-x/t.yaml' }, _links: { self: { title: 'Kubecluster', href: `kubeclusters/${ID}` } } };

function exchange(method: string, status: number, body: unknown, headers: Record<string, string> = {}): Exchange {
  const text = body === undefined ? '' : JSON.stringify(body);
  const answerHeaders: Record<string, string> = text === '' ? {} : { 'Content-Type': 'application/json', ETag: '"e1"', 'Last-Modified': cluster._updated };
  return toExchange({ method, url, headers: { Authorization: 'Bearer a', ...headers } }, new Response(text === '' ? null : text, { status, headers: answerHeaders }), text);
}

const serverRules = (found: ReturnType<Inspector['inspect']>) => found.filter((v) => v.party === 'server').map((v) => v.rule);

describe('the proxy on a DELETE without If-Match (strict)', () => {
  it('KC-DELETE-2 a 204 to it is the server\'s violation while the document may exist', () => {
    const inspector = new Inspector('strict');
    inspector.inspect(exchange('GET', 200, cluster), { sentAt: 1, answeredAt: 2 });
    expect(serverRules(inspector.inspect(exchange('DELETE', 204, undefined), { sentAt: 3, answeredAt: 4 }))).toEqual(['KC-DELETE-2']);
  });

  it('KC-DELETE-2 once the document was answered deleted, a second DELETE without If-Match may answer 204, as Eve does (the client is still told)', () => {
    const inspector = new Inspector('strict');
    inspector.inspect(exchange('GET', 200, cluster), { sentAt: 1, answeredAt: 2 });
    expect(inspector.inspect(exchange('DELETE', 204, undefined, { 'If-Match': 'e1' }), { sentAt: 3, answeredAt: 4 })).toEqual([]);
    const again = inspector.inspect(exchange('DELETE', 204, undefined), { sentAt: 5, answeredAt: 6 });
    expect(serverRules(again)).toEqual([]);
    expect(again.filter((v) => v.party === 'client').map((v) => v.rule)).toEqual(['KC-DELETE-2']);
  });
});
