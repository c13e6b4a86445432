// Scripted clients for the proxy's tests: a careful one that keeps the contract (its traffic must show
// no violation in front of the mock) and a careless one whose every mistake is the client's.
import { MockControlClient } from '../../mock/control/client.js';
import { agentUrlOf } from '../check.js';
import type { Doc } from '../check.js';
import { ApiClient } from '../client.js';
import type { Exchange } from '../client.js';
import { TOKEN_A } from './middleware.js';

const HOUR_AND_MORE = 25 * 3_600_000;

export interface Session {
  /** Every answer the script got, in order. */
  exchanges: Exchange[];
}

/** A client through `proxyUrl`, as tenant A; the mock's control API goes through the proxy too (forwarded, not judged). */
export function clientsOf(proxyUrl: string): { api: ApiClient; control: MockControlClient } {
  return { api: new ApiClient({ baseUrl: proxyUrl, token: TOKEN_A, validate: false, timeoutMs: 5_000 }), control: new MockControlClient(proxyUrl) };
}

function recorder(session: Session) {
  return async (pending: Promise<Exchange>): Promise<Doc> => {
    const exchange = await pending;
    session.exchanges.push(exchange);
    return (exchange.body ?? {}) as Doc;
  };
}

/**
 * Creates, reads (plain, conditional, paged, filtered), updates (PATCH, the GET-change-PUT recipe, one
 * write with a superseded ETag that must answer 412), activates a cluster through its agent URL and the
 * control clock, and deletes, always with the ETag last read.
 */
export async function carefulSession(proxyUrl: string): Promise<Session> {
  const { api, control } = clientsOf(proxyUrl);
  const session: Session = { exchanges: [] };
  const take = recorder(session);
  const store = await take(api.create('objectstores', { name: 'team-store', provider_type: 's3', private: true, s3provider: { credentials: {} } }));
  const a = await take(api.createCluster({ name: 'session-a', description: 'first', backup_provider: { user_objectstore: store['_id'] } }));
  const b = await take(api.createCluster({ name: 'session-b' }));
  const c = await take(api.createCluster({ name: 'session-c' }));
  await take(api.getCluster(a['_id'], { headers: { 'If-None-Match': `"${a['_etag']}"` } }));
  for (const page of [1, 2, 3]) await take(api.list('kubeclusters', { max_results: 1, page }));
  await take(api.list('kubeclusters', { where: JSON.stringify({ name: 'session-b' }) }));
  await take(api.list('kubeclusters', {}, { token: null }));
  await control.advanceClock(2_000);
  await take(api.patch('kubeclusters', a['_id'], { description: 'second' }, a['_etag']));
  await take(api.patch('kubeclusters', a['_id'], { description: 'from a stale copy' }, a['_etag']));
  const read = await take(api.getCluster(a['_id']));
  const { _created, _updated, _links, _etag, ...replacement } = read;
  await take(api.put('kubeclusters', a['_id'], { ...replacement, description: 'third' }, read['_etag']));
  await take(api.request('GET', new URL(agentUrlOf(b) ?? '/missing-agent-url', proxyUrl).pathname, { token: null, headers: { Accept: 'application/yaml' } }));
  await control.advanceClock(HOUR_AND_MORE);
  await take(api.getCluster(b['_id']));
  const backup = await take(api.create('kubebackups', { name: 'session-backup', cluster: b['_id'], source: { all_namespaces: true, snapshotPersistentVolumes: true } }));
  await take(api.delete('kubebackups', backup['_id'], backup['_etag']));
  await take(api.delete('kubeclusters', c['_id'], c['_etag']));
  await take(api.getCluster(c['_id']));
  await take(api.list('kubeclusters', { max_results: 5 }));
  return session;
}

/** Sends what the contract forbids a client: an unknown field, a wrong type, status on create, writes without If-Match. */
export async function carelessSession(proxyUrl: string): Promise<Session> {
  const { api } = clientsOf(proxyUrl);
  const session: Session = { exchanges: [] };
  const take = recorder(session);
  await take(api.createCluster({ name: 'careless-colour', colour: 'blue' } as never));
  await take(api.createCluster({ name: 'careless-typed', description: 123 } as never));
  await take(api.createCluster({ name: 'careless-status', status: { state: 'ACTIVE' } } as never));
  const cluster = await take(api.createCluster({ name: 'careless-writer' }));
  await take(api.patch('kubeclusters', cluster['_id'], { description: 'no If-Match' }, undefined));
  await take(api.delete('kubeclusters', cluster['_id'], undefined));
  return session;
}
