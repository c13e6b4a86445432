// What the bench asks of every server: one request kind per cell, and a mixed cell of reads and writes.
import type autocannon from 'autocannon';
import type { RunningServer } from './servers.js';

/** Ids, ETags and names to aim at: read from each server itself, so every server gets real targets. */
export interface Sample {
  ids: string[];
  etags: string[];
  names: string[];
  /** The PATCH pool's clusters not in flight (indexes into `ids`); unset: all of them. */
  free?: number[];
}

export interface Operation {
  name: string;
  /** Writes: also measured against the bare server that leaves the body unread. */
  write?: boolean;
  /** The requests one connection sends in turn (autocannon keeps a context across one turn). */
  requests: (server: RunningServer, sample: Sample) => autocannon.Request[];
  /**
   * Its requests carry the clusters' latest ETags: the sample is read again before each run, since
   * the answers to requests still in flight when a run stopped were never read.
   */
  resample?: boolean;
}

const COLLECTION = '/api/v1/kubeclusters';
const json = { 'Content-Type': 'application/json' };
/** Unique names across every server and cell of one run. */
let created = 0;
const newName = (server: RunningServer) => `bench-${process.pid}-${server.name.length}-${created++}`;

export const operations: Operation[] = [
  { name: 'GET item', requests: (s, sample) => [{ method: 'GET', path: apiPath(s, `${COLLECTION}/${sample.ids[0]!}`) }] },
  { name: 'GET list (25)', requests: (s) => [{ method: 'GET', path: listPath(s, {}) }] },
  { name: 'GET where name', requests: (s, sample) => [{ method: 'GET', path: listPath(s, { name: sample.names[sample.names.length >> 1]! }) }] },
  { name: 'GET where state, sort -_updated', requests: (s) => [{ method: 'GET', path: listPath(s, { 'status.state': 'ACTIVE' }, true) }] },
  { name: 'POST', write: true, requests: (s) => [createRequest(s)] },
  { name: 'PATCH If-Match', write: true, resample: true, requests: (s, sample) => [patchFromPool(s, sample)] },
  { name: 'mixed 80 % read / 20 % write', requests: mixedRequests },
];

/** Paths are written with the spec's /api/v1 root; Prism and json-server serve them without it. */
function apiPath(server: RunningServer, path: string): string {
  return path.replace('/api/v1', server.apiPrefix);
}

function listPath(server: RunningServer, where: Record<string, string>, sortByUpdated = false): string {
  if (server.name === 'json-server') {
    const params = new URLSearchParams({ ...where, _limit: '25', _page: '1' });
    if (sortByUpdated) params.set('_sort', '_updated'), params.set('_order', 'desc');
    return `/kubeclusters?${params}`;
  }
  const params = new URLSearchParams();
  if (Object.keys(where).length > 0) params.set('where', JSON.stringify(where));
  if (sortByUpdated) params.set('sort', '-_updated');
  const query = params.toString();
  return apiPath(server, `${COLLECTION}${query ? `?${query}` : ''}`);
}

function createRequest(server: RunningServer): autocannon.Request {
  return {
    method: 'POST',
    path: apiPath(server, COLLECTION),
    headers: json,
    setupRequest: (req) => ({ ...req, body: JSON.stringify({ name: newName(server), description: 'load' }) }),
  };
}

/**
 * PATCH needs each request to carry its cluster's latest ETag. autocannon clears a connection's
 * context between turns, so clusters and their ETags live in a shared pool: a request takes a free
 * cluster and gives it back with the new ETag.
 */
function patchFromPool(server: RunningServer, sample: Sample): autocannon.Request {
  const etags = sample.etags;
  const pool = () => (sample.free ??= sample.ids.map((_, index) => index));
  return {
    method: 'PATCH',
    headers: json,
    setupRequest: (req, raw) => {
      const context = raw as Record<string, unknown>;
      const index = pool().shift() ?? 0;
      context['index'] = index;
      const path = apiPath(server, `${COLLECTION}/${sample.ids[index]}`);
      return { ...req, path, headers: { ...req.headers, 'If-Match': etags[index] ?? '' }, body: JSON.stringify({ description: `patched ${created++}` }) };
    },
    onResponse: (_status, body, raw) => {
      const index = (raw as Record<string, unknown>)['index'] as number;
      etags[index] = etagIn(body) ?? etags[index] ?? '';
      pool().push(index);
    },
  };
}

/**
 * One turn of 15 requests: 12 reads (item, first page, `where` by name; targets picked at random
 * from the sample) and 3 writes on a cluster of the connection's own: POST it, PATCH it with
 * `If-Match`, DELETE it with `If-Match`, so the data set keeps its size.
 */
function mixedRequests(server: RunningServer, sample: Sample): autocannon.Request[] {
  const pick = (items: string[]) => items[Math.floor(Math.random() * items.length)] ?? '';
  const item: autocannon.Request = { method: 'GET', setupRequest: (req) => ({ ...req, path: apiPath(server, `${COLLECTION}/${pick(sample.ids)}`) }) };
  const list: autocannon.Request = { method: 'GET', path: listPath(server, {}) };
  const where: autocannon.Request = { method: 'GET', setupRequest: (req) => ({ ...req, path: listPath(server, { name: pick(sample.names) }) }) };
  const own = (context: unknown) => context as { id?: string; etag?: string };
  const remember = (_status: number, body: string, context: unknown) => {
    const answer = parsed(body);
    own(context).id ??= answer?.['_id'] ?? answer?.['id'];
    own(context).etag = answer?.['_etag'] ?? '';
  };
  const create: autocannon.Request = { ...createRequest(server), onResponse: remember };
  const ownPath = (context: unknown) => apiPath(server, `${COLLECTION}/${own(context).id ?? 'none'}`);
  const patch: autocannon.Request = {
    method: 'PATCH',
    headers: json,
    setupRequest: (req, context) => ({ ...req, path: ownPath(context), headers: { ...req.headers, 'If-Match': own(context).etag ?? '' }, body: JSON.stringify({ description: `patched ${created++}` }) }),
    onResponse: remember,
  };
  const remove: autocannon.Request = { method: 'DELETE', setupRequest: (req, context) => ({ ...req, path: ownPath(context), headers: { ...req.headers, 'If-Match': own(context).etag ?? '' } }) };
  return [create, item, list, where, item, patch, list, where, item, list, remove, where, item, list, where];
}

function parsed(body: string): Record<string, string> | undefined {
  try {
    return JSON.parse(body) as Record<string, string>;
  } catch {
    return undefined;
  }
}

/** The `_etag` member of a JSON answer, found without parsing the whole of it: the load generator's own work stays small for every server alike. */
function etagIn(body: string): string | undefined {
  const start = body.indexOf('"_etag":"');
  if (start === -1) return parsed(body)?.['_etag'];
  const from = start + '"_etag":"'.length;
  return body.slice(from, body.indexOf('"', from));
}

/** Reads `sample` again from the server, in place (the requests built on it see the new ETags), and frees the whole PATCH pool. */
export async function resample(server: RunningServer, sample: Sample): Promise<void> {
  const fresh = await sampleOf(server);
  sample.ids.splice(0, Infinity, ...fresh.ids);
  sample.etags.splice(0, Infinity, ...fresh.etags);
  sample.names.splice(0, Infinity, ...fresh.names);
  delete sample.free;
}

export async function sampleOf(server: RunningServer): Promise<Sample> {
  const sample: Sample = { ids: [], etags: [], names: [] };
  const path = server.name === 'json-server' ? '/kubeclusters?_limit=50' : `${server.apiPrefix}/kubeclusters?max_results=50&page=2`;
  const response = await fetch(`${server.url}${path}`, { headers: { Authorization: `Bearer ${server.token}` } });
  const body = (await response.json()) as { _items?: Array<Record<string, string>> } | Array<Record<string, string>>;
  const items = Array.isArray(body) ? body : (body._items ?? []);
  for (const item of items) {
    sample.ids.push(item['id'] ?? item['_id'] ?? '5eb599e603f7a77d5223efee');
    sample.etags.push(item['_etag'] ?? '');
    sample.names.push(item['name'] ?? 'testcluster');
  }
  if (sample.ids.length === 0) sample.ids.push('5eb599e603f7a77d5223efee'), sample.etags.push(''), sample.names.push('testcluster');
  return sample;
}
