// Broken variants that answer well but do not do what they say: the answer is what the contract asks
// for, the stored state is not. Only reading back catches them; each must fail the requirement it names.
import type { BrokenVariant } from './variants.js';
import type { Json, Middleware, Next } from './middleware.js';
import {
  TOKEN_A, TOKEN_B, asTenant, changed, currentDoc, docsOf, eveError, isCollection, itemId, jsonBody, mapJson, matchesEtag, pretendWritten, tokenOf, withHeaders,
} from './middleware.js';

const DEFAULT_PODS_DIR = '/var/lib/kubelet/pods';
const META = ['_id', '_etag', '_created', '_updated', '_links', '_status', 'status'];

export const liars: BrokenVariant[] = [
  {
    name: 'PATCH answers 200 with the patched cluster but stores nothing',
    breaks: 'KC-UPDATE-1',
    middleware: async (request, next) => {
      if (request.method !== 'PATCH' || !itemId(request)) return next(request);
      const current = await currentDoc(request, next);
      return matchesEtag(request, current) ? pretendWritten(current!, await jsonBody(request)) : next(request);
    },
  },
  {
    name: 'PUT answers the replacement but stores a merge',
    breaks: 'KC-UPDATE-3',
    middleware: async (request, next) => {
      if (request.method !== 'PUT' || !itemId(request)) return next(request);
      const replacement = (await jsonBody(request)) as Json;
      const merged = await next(await changed(request, { method: 'PATCH' }));
      if (merged.status !== 200) return merged;
      return mapJson(merged, (body: Json) => ({ ...pick(body, META), kublet_pods_dir: DEFAULT_PODS_DIR, ...replacement }));
    },
  },
  {
    name: 'DELETE answers 204 but keeps the cluster',
    breaks: 'KC-DELETE-1',
    middleware: async (request, next) => {
      if (request.method !== 'DELETE' || !itemId(request)) return next(request);
      return matchesEtag(request, await currentDoc(request, next)) ? new Response(null, { status: 204 }) : next(request);
    },
  },
  { name: "another tenant's DELETE deletes the cluster (answering 204)", breaks: 'KC-AUTH-3', middleware: crossTenantWrite('DELETE', () => new Response(null, { status: 204 })) },
  { name: "another tenant's PATCH changes the cluster (answering 404)", breaks: 'KC-AUTH-3', middleware: crossTenantWrite('PATCH', () => eveError(404, 'The requested URL was not found on the server.')) },
  { name: "another tenant's PUT replaces the cluster (answering 403)", breaks: 'KC-AUTH-3', middleware: crossTenantWrite('PUT', () => eveError(403, "You don't have the permission to access the requested resource.")) },
  {
    name: 'a write with a stale If-Match answers 412 but is applied',
    breaks: 'KC-ETAG-3',
    middleware: async (request, next) => {
      if (!['PATCH', 'PUT'].includes(request.method) || !itemId(request) || !request.headers.has('if-match')) return next(request);
      const current = await currentDoc(request, next);
      if (!current || matchesEtag(request, current)) return next(request);
      await next(await changed(request, { headers: { 'If-Match': current['_etag'] } }));
      return eveError(412, "Client and server etags don't match");
    },
  },
  { name: '_updated is renewed in the answer but not in storage', breaks: 'KC-UPDATE-1', middleware: storedFieldShownAs('_updated', (_written, first) => first['_updated']) },
  { name: 'PATCH moves _created in storage (the answer keeps it)', breaks: 'KC-UPDATE-1', middleware: storedFieldShownAs('_created', (written) => written['_updated']) },
  {
    name: '_meta.total counts the page, not the matches',
    breaks: 'KC-LIST-2',
    middleware: async (request, next) => {
      const response = await next(request);
      return request.method === 'GET' && isCollection(request) ? mapJson(response, (body) => ({ ...body, _meta: { ...body._meta, total: body._items?.length } })) : response;
    },
  },
  {
    name: 'X-Total-Count counts the page, not the matches',
    breaks: 'KC-LIST-6',
    middleware: async (request, next) => {
      const response = await next(request);
      if (request.method !== 'GET' || !isCollection(request) || response.status !== 200) return response;
      const onPage = docsOf(await response.clone().json()).length;
      return withHeaders(response, { 'X-Total-Count': String(onPage) });
    },
  },
  {
    name: 'a client _id is answered but the cluster is stored under another',
    breaks: 'KC-CREATE-8',
    middleware: async (request, next) => {
      const sent = (await jsonBody(request)) as Json | undefined;
      if (request.method !== 'POST' || !isCollection(request) || !/^[0-9a-f]{24}$/.test(String(sent?.['_id']))) return next(request);
      const { _id, ...rest } = sent!;
      return mapJson(await next(await changed(request, { body: JSON.stringify(rest) })), (body) => (body._status === 'OK' ? { ...body, _id } : body));
    },
  },
  {
    name: 'a form body is answered 201 in full but stored with its name only',
    breaks: 'KC-CREATE-9',
    middleware: async (request, next) => {
      if (request.method !== 'POST' || !(request.headers.get('content-type') ?? '').includes('form-urlencoded')) return next(request);
      const fields = Object.fromEntries(new URLSearchParams(await request.clone().text()));
      const nameOnly = await changed(request, { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: fields['name'] }) });
      return mapJson(await next(nameOnly), (body) => (body._status === 'OK' ? { ...body, ...fields } : body));
    },
  },
  {
    name: "a second tenant's POST of a name in use answers 422 not unique but creates it",
    breaks: 'KC-AUTH-4',
    middleware: async (request, next) => {
      const sent = (await jsonBody(request)) as Json | undefined;
      if (request.method !== 'POST' || !isCollection(request) || tokenOf(request) !== TOKEN_B || typeof sent?.['name'] !== 'string') return next(request);
      const answer = await next(request);
      if (answer.status !== 201 || !(await nameUsedBy(request, next, TOKEN_A, sent['name']))) return answer;
      return Response.json({ _status: 'ERR', _issues: { name: `value '${sent['name']}' is not unique` }, _error: { code: 422, message: 'Insertion failure: 1 document(s) contain(s) error(s)' } }, { status: 422 });
    },
  },
  {
    name: 'disconnecting the agent answers INACTIVE but the cluster stays ACTIVE',
    breaks: 'KC-MOCK-2',
    middleware: async (request, next) => {
      const id = /\/__mock\/clusters\/([0-9a-f]{24})\/disconnect$/.exec(new URL(request.url).pathname)?.[1];
      if (!id || request.method !== 'POST') return next(request);
      const cluster = await currentDoc(new Request(new URL(`/api/v1/kubeclusters/${id}`, request.url)), next, TOKEN_A);
      return cluster ? Response.json({ _id: id, _etag: 'f'.repeat(40), status: { ...cluster['status'], state: 'INACTIVE' } }) : next(request);
    },
  },
];

function pick(doc: Json, fields: readonly string[]): Json {
  return Object.fromEntries(fields.filter((field) => field in doc).map((field) => [field, doc[field]]));
}

/** Tenant B's `method` on tenant A's cluster is applied as A (with A's ETag) and answered by `answer`. */
function crossTenantWrite(method: string, answer: () => Response): Middleware {
  return async (request, next) => {
    if (request.method !== method || !itemId(request) || tokenOf(request) !== TOKEN_B || (await currentDoc(request, next))) return next(request);
    const owned = await currentDoc(request, next, TOKEN_A);
    if (!owned) return next(request);
    await next(await asTenant(request, TOKEN_A, { 'If-Match': owned['_etag'] }));
    return answer();
  };
}

/**
 * Reads (GET) show `field` as `shown(doc, firstSeen)` computes it, while write answers show the truth:
 * the stored value, seen through reads, is not the one the write answered.
 */
function storedFieldShownAs(field: string, shown: (written: Json, first: Json) => unknown): Middleware {
  const firstSeen = new Map<string, Json>();
  const lastWrite = new Map<string, Json>();
  return async (request, next) => {
    const response = await next(request);
    if (!response.ok) return response;
    return mapJson(response, (body) => {
      for (const doc of docsOf(body)) {
        if (!firstSeen.has(doc['_id'])) firstSeen.set(doc['_id'], { ...doc });
        if (request.method === 'PATCH') lastWrite.set(doc['_id'], { ...doc });
        const written = lastWrite.get(doc['_id']);
        if (request.method === 'GET' && written) doc[field] = shown(written, firstSeen.get(doc['_id'])!);
      }
      return body;
    });
  };
}

async function nameUsedBy(request: Request, next: Next, token: string, name: string): Promise<boolean> {
  const url = new URL(request.url);
  url.search = `?where=${encodeURIComponent(JSON.stringify({ name }))}`;
  const answer = await next(new Request(url, { headers: { Authorization: `Bearer ${token}` } }));
  return answer.status === 200 && ((await answer.json()) as Json)['_meta']?.total > 0;
}
