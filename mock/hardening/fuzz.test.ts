// 10,000 requests generated from the spec's shapes (valid, boundary and hostile), fixed seed: every
// answer must be documented, validate against the spec, come within a second, and leave
// Object.prototype alone. A failure prints the shrunk request as curl.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { ResponseChecker } from '../../spec/responses.js';
import { createMock } from '../app.js';

interface FuzzRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body?: string;
}

const SEED = 20261124;
const RUNS = 10_000;
const checker = new ResponseChecker();
const statusCounts = new Map<number, number>();

const mock = createMock({ tokens: ['t1', 't2'], activationDelayMs: 0 });
const seeded = await mock.app.request('/__mock/fixtures', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ seed: true, tenant: 't1' }) });
const seededIds = ((await (await mock.app.request('/api/v1/kubeclusters', { headers: { Authorization: 'Bearer t1' } })).json()) as { _items: Array<{ _id: string; _etag: string; status: { agentURL: string } }> })._items;
const known = seededIds[0]!;

afterAll(() => {
  const counts = [...statusCounts].sort((a, b) => a[0] - b[0]).map(([status, n]) => `${status}: ${n}`);
  console.log(`fuzz: ${RUNS} requests (seed ${SEED}) by status: ${counts.join(', ')}`);
});

// Building blocks.
const hostileKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '_id', '_etag', 'status', '$where', '');
const anyKey = fc.oneof(hostileKey, fc.string({ maxLength: 12 }), fc.constantFrom('name', 'description', 'tags', 'backup_provider', 'kublet_pods_dir'));
const hugeString = fc.integer({ min: 10_000, max: 200_000 }).map((n) => 'x'.repeat(n));
const weirdString = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 40 }), hugeString, fc.constantFrom('', ' ', '\u0000', '☸️ cluster', 'a'.repeat(257)));
const deepValue = fc.integer({ min: 20, max: 3000 }).map((depth) => JSON.parse('{"a":'.repeat(depth) + '1' + '}'.repeat(depth)) as unknown);
const loose = fc.oneof(fc.jsonValue({ maxDepth: 3 }), weirdString, deepValue, fc.dictionary(anyKey, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }));

const validCluster = fc.record(
  {
    name: fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/),
    description: fc.string({ maxLength: 30 }),
    tags: fc.dictionary(fc.stringMatching(/^[a-z]{1,8}$/), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
    image_pull_secret_name: fc.constant('myregistrykey'),
    container_registry: fc.constant('https://registry.example.com/mirror'),
    backup_provider: fc.oneof(fc.constant({ type: 'aws', region: 'us-east-1' }), fc.constant({ type: 'azure', region: 'westeurope' }), fc.constant({ type: 'aws', region: 'westeurope' })),
  },
  { requiredKeys: ['name'] },
);
/** A cluster whose fields are each valid, absent, or replaced by anything at all; sometimes with extra keys. */
const mangledCluster = fc
  .tuple(validCluster, fc.dictionary(fc.constantFrom('name', 'description', 'tags', 'backup_provider', 'kublet_pods_dir', 'container_registry'), loose, { maxKeys: 3 }), fc.dictionary(anyKey, loose, { maxKeys: 3 }))
  .map(([base, replaced, extra]) => ({ ...base, ...replaced, ...extra }));

const body: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 4, arbitrary: validCluster.map((v) => JSON.stringify(v)) },
  { weight: 6, arbitrary: mangledCluster.map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.array(mangledCluster, { maxLength: 4 }).map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: loose.map((v) => JSON.stringify(v) ?? 'null') },
  { weight: 1, arbitrary: fc.constantFrom('{', '{"name": }', '[1,', 'null', '"text"', '1', '{"__proto__": {"polluted": true}, "name": "p"}', '{"constructor": {"prototype": {"polluted": true}}}') },
  { weight: 1, arbitrary: fc.constant(undefined) },
);

const objectId = fc.oneof(fc.constant(known._id), fc.constant(known._id), fc.stringMatching(/^[0-9a-f]{24}$/), fc.constantFrom('not-an-id', '5eb599e603f7a77d5223efeeX', '%00', '..%2F..', 'ZZZZZZZZZZZZZZZZZZZZZZZZ'));
const agentPath = fc.oneof(fc.constant(new URL(known.status.agentURL).pathname), fc.stringMatching(/^agent-[a-z0-9]{1,8}$/).map((a) => `/kubeclusteragents/${a}/token.yaml`));
const path = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom('/api/v1/kubeclusters', '/api/v1/objectstores', '/api/v1/kubebackups') },
  { weight: 5, arbitrary: fc.tuple(fc.constantFrom('kubeclusters', 'objectstores', 'kubebackups'), objectId).map(([r, id]) => `/api/v1/${r}/${id}`) },
  { weight: 1, arbitrary: fc.constantFrom('/api/v1/kubeclusters/cloudcasa-images', '/api-docs', '/api/v1', '/api/v1/', '/api', '/api/v1/v1/kubeclusters') },
  { weight: 1, arbitrary: agentPath },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('policies', 'kubeoffloads', 'jobs', 'kubebackups'), objectId, fc.constantFrom('', '/action/run', '/action/run/', '/action/stop')).map(([r, id, tail]) => `/api/v1/${r}/${id}${tail}`) },
  { weight: 1, arbitrary: fc.stringMatching(/^[a-z0-9._-]{1,12}$/).map((s) => `/api/v1/${s}`) },
);

const whereValue = fc.oneof(
  fc.record({ name: fc.oneof(fc.string({ maxLength: 10 }), fc.record({ $regex: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('(a+)+$', '(?<=x)', '[', '\\')), $options: fc.constantFrom('i', 'm', 'z') }, { requiredKeys: ['$regex'] })) }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
  fc.record({ 'status.state': fc.constantFrom('ACTIVE', 'REGISTERED'), _created: fc.record({ $gt: fc.constantFrom('Fri, 08 May 2020 17:41:58 GMT', 'yesterday', 5) }) }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
  fc.dictionary(anyKey, loose, { maxKeys: 3 }).map((v) => JSON.stringify(v)),
  fc.constantFrom('{"$where": "sleep(1)"}', '{"$or": []}', '{"name": {"$in": 1}}', 'name=="x"', 'not json', '{"a":', '[]', '{"__proto__": {"x": 1}}'),
  fc.integer({ min: 1, max: 60 }).map((depth) => '{"$and":[' .repeat(depth) + '{}' + ']}'.repeat(depth)),
  hugeString,
);
const query = fc.record(
  {
    where: whereValue,
    sort: fc.oneof(fc.constantFrom('-name,_created', '[("name", -1)]', 'status.state', '[("name", sideways)]', '', '-', ',,', '[' + '("a", 1),'.repeat(20) + ']'), fc.string({ maxLength: 20 })),
    max_results: fc.oneof(fc.integer({ min: -5, max: 100 }).map(String), fc.constantFrom('abc', '1e309', 'NaN', '2.5', '')),
    page: fc.oneof(fc.integer({ min: -5, max: 10_000 }).map(String), fc.constantFrom('abc', '99999999999999999999', '0', '1.5')),
    projection: fc.oneof(fc.constantFrom('{"name": 1}', '{"tags": 0}', '{"a": 1, "b": 0}', '{"a": 2}', 'nope', '{}'), fc.dictionary(anyKey, fc.constantFrom(0, 1), { maxKeys: 3 }).map((v) => JSON.stringify(v))),
    other: fc.string({ maxLength: 10 }),
  },
  { requiredKeys: [] },
);
const headers = fc
  .record(
    {
      auth: fc.oneof({ weight: 8, arbitrary: fc.constant('Bearer t1') }, { weight: 1, arbitrary: fc.constantFrom('Bearer t2', 'Bearer nope', 'Basic dDE6', 'Bearer', '', 'Bearer t1 extra') }),
      ifMatch: fc.oneof(fc.constant(known._etag), fc.constant(`"${known._etag}"`), fc.constant(`W/"${known._etag}"`), fc.stringMatching(/^[0-9a-f]{40}$/), fc.constantFrom('*', '', '""', 'W/', `${'a'.repeat(5000)}`)),
      ifNoneMatch: fc.oneof(fc.constant(known._etag), fc.constantFrom('*', 'x', '')),
      ifModifiedSince: fc.constantFrom('Fri, 08 May 2020 17:41:58 GMT', 'garbage', 'Thu, 01 Jan 2099 00:00:00 GMT'),
      contentType: fc.oneof({ weight: 6, arbitrary: fc.constant('application/json') }, { weight: 1, arbitrary: fc.constantFrom('text/plain', 'application/json; charset=utf-8', 'application/merge-patch+json', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '') }),
    },
    { requiredKeys: ['auth', 'contentType'] },
  )
  .map((h) => {
    const out: Record<string, string> = {};
    if (h.auth) out['Authorization'] = h.auth;
    if (h.ifMatch !== undefined) out['If-Match'] = h.ifMatch;
    if (h.ifNoneMatch !== undefined) out['If-None-Match'] = h.ifNoneMatch;
    if (h.ifModifiedSince !== undefined) out['If-Modified-Since'] = h.ifModifiedSince;
    if (h.contentType) out['Content-Type'] = h.contentType;
    return out;
  });

const anyMethod = fc.oneof({ weight: 3, arbitrary: fc.constantFrom('GET', 'POST', 'PATCH', 'PUT', 'DELETE') }, { weight: 1, arbitrary: fc.constantFrom('HEAD', 'OPTIONS') });
/** Mostly the methods each route offers (so requests get past routing), sometimes any method anywhere. */
const route = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom('GET', 'POST'), fc.constantFrom('/api/v1/kubeclusters', '/api/v1/objectstores', '/api/v1/kubebackups')) },
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom('GET', 'PATCH', 'PUT', 'DELETE'), fc.tuple(fc.constantFrom('kubeclusters', 'objectstores', 'kubebackups'), objectId).map(([r, id]) => `/api/v1/${r}/${id}`)) },
  { weight: 2, arbitrary: fc.tuple(anyMethod, path) },
);

const request: fc.Arbitrary<FuzzRequest> = fc
  .record({ route, query, headers, body })
  .map(({ route: [method, p], ...r }) => ({ ...r, method, path: p, body: ['GET', 'HEAD'].includes(method) ? undefined : r.body }));

function urlOf(r: FuzzRequest): string {
  const params = new URLSearchParams(Object.entries(r.query).map(([k, v]): [string, string] => [k === 'other' ? 'x' : k, v]));
  const text = params.toString();
  return `http://localhost${r.path}${text ? `?${text}` : ''}`;
}

function curlOf(r: FuzzRequest): string {
  const headers = Object.entries(r.headers).map(([k, v]) => `-H '${k}: ${v.slice(0, 200)}'`);
  const body = r.body === undefined ? '' : ` --data-raw '${r.body.slice(0, 500)}${r.body.length > 500 ? '…' : ''}'`;
  return `curl -X ${r.method} '${urlOf(r).slice(0, 600)}' ${headers.join(' ')}${body}`;
}

describe('fuzzing the mock from the spec', () => {
  it(`answers ${RUNS} generated requests with documented statuses and bodies, never a 5xx, each within 1 s`, async () => {
    expect(seeded.status).toBe(200);
    const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
    const details = await fc.check(
      fc.asyncProperty(request, async (r) => {
        const started = performance.now();
        const response = await mock.app.request(urlOf(r), { method: r.method, headers: r.headers, ...(r.body === undefined ? {} : { body: r.body }) });
        const text = await response.text();
        const elapsed = performance.now() - started;
        statusCounts.set(response.status, (statusCounts.get(response.status) ?? 0) + 1);
        const isJson = (response.headers.get('content-type') ?? '').includes('json');
        const parsed: unknown = text === '' ? undefined : isJson ? JSON.parse(text) : text;
        const problems = checker.check({ method: r.method, path: r.path, status: response.status, headers: response.headers, body: response.status === 304 ? undefined : parsed });
        const polluted = Object.getOwnPropertyNames(Object.prototype).sort().join() !== prototypeKeys.join() || ({} as Record<string, unknown>)['polluted'] !== undefined;
        const why = [
          response.status >= 500 ? `status ${response.status}` : '',
          elapsed > 1000 ? `took ${elapsed.toFixed(0)} ms` : '',
          problems.length > 0 ? `not as documented: ${problems.join('; ')}` : '',
          polluted ? 'Object.prototype changed' : '',
        ].filter(Boolean);
        if (why.length > 0) throw new Error(`${why.join(', ')}\n  ${curlOf(r)}\n  → ${response.status} ${text.slice(0, 300)}`);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    // fast-check's own report would print the (possibly megabyte-sized) request; ours is a curl line.
    if (details.failed) throw new Error(`after ${details.numRuns} requests, shrunk ${details.numShrinks} times: ${String((details.errorInstance as Error)?.message ?? details.errorInstance)}`);
  }, 120_000);
});
