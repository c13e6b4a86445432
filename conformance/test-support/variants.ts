// Deliberately broken mocks, each breaking one documented behaviour: by an option, or by a middleware
// wrapped around the real mock. The suite must fail on every one and name the requirement broken.
// The ones that answer well but do not do what they say are in liars.ts.
import { parse, stringify } from 'yaml';
import { createMock } from '../../mock/app.js';
import type { MockOptions } from '../../mock/options.js';
import type { FetchLike } from '../client.js';
import { IN_PROCESS_TOKENS } from '../target.js';
import type { Middleware, Next } from './middleware.js';
import { COLLECTION, ITEM, TOKEN_A, TOKEN_B, buffered, changed, currentEtag, ignoringParameter, isWrite, jsonBody, mapJson } from './middleware.js';
import { liars } from './liars.js';
import { ifMatchFilledIn, staleIfMatchAccepted, uniqueNamesDisguised } from './resource-breakers.js';
import { resourceVariants } from './resource-variants.js';

export interface BrokenVariant {
  name: string;
  /** The requirement whose check must fail. */
  breaks: string;
  options?: MockOptions;
  middleware?: Middleware;
}

export function variantFetch(variant: BrokenVariant): FetchLike {
  const mock = createMock({ tokens: [...IN_PROCESS_TOKENS], activationDelayMs: 1000, ...variant.options });
  const next: Next = async (request) => mock.app.request(request);
  const middleware = variant.middleware;
  return async (input, init) => {
    const request = await buffered(new Request(input, init));
    return middleware ? middleware(request, next) : next(request);
  };
}

export const brokenVariants: BrokenVariant[] = [
  { name: 'writes without If-Match are accepted (no 428)', breaks: 'KC-ETAG-2', middleware: ifMatchFilledIn('kubeclusters') },
  { name: 'a stale If-Match is accepted (no 412)', breaks: 'KC-ETAG-3', middleware: staleIfMatchAccepted('kubeclusters') },
  { name: 'server-side state changes leave the ETag as it was', breaks: 'KC-STATE-4', middleware: frozenEtags() },
  {
    name: 'POST answers without Location',
    breaks: 'KC-CREATE-1',
    middleware: async (request, next) => {
      const response = await next(request);
      const headers = new Headers(response.headers);
      headers.delete('location');
      return new Response(response.body, { status: response.status, headers });
    },
  },
  {
    name: 'lists come without _meta',
    breaks: 'KC-LIST-1',
    middleware: async (request, next) => {
      const response = await next(request);
      return request.method === 'GET' && COLLECTION.test(new URL(request.url).pathname) ? mapJson(response, ({ _meta, ...rest }) => rest) : response;
    },
  },
  {
    name: 'paging is off by one',
    breaks: 'KC-LIST-2',
    middleware: async (request, next) => {
      const url = new URL(request.url);
      const page = Number(url.searchParams.get('page') ?? '1');
      if (!COLLECTION.test(url.pathname) || !(page >= 1)) return next(request);
      url.searchParams.set('page', String(page + 1));
      return mapJson(await next(await changed(request, { url: url.href })), (body) => ({ ...body, _meta: { ...body._meta, page } }));
    },
  },
  { name: 'where is ignored', breaks: 'KC-QUERY-1', middleware: ignoringParameter('where') },
  { name: 'projection is ignored', breaks: 'KC-QUERY-6', middleware: ignoringParameter('projection') },
  {
    name: 'a number is accepted as description',
    breaks: 'KC-VALID-2',
    middleware: async (request, next) => {
      const body = await jsonBody(request);
      if (!body || typeof body !== 'object' || body.description === undefined || typeof body.description === 'string') return next(request);
      return next(await changed(request, { body: JSON.stringify({ ...body, description: String(body.description) }) }));
    },
  },
  { name: 'duplicate names are accepted', breaks: 'KC-VALID-8', middleware: uniqueNamesDisguised('kubeclusters') },
  {
    name: 'the delete guard is off',
    breaks: 'KC-DELETE-4',
    middleware: async (request, next) => {
      const match = ITEM.exec(new URL(request.url).pathname);
      if (request.method !== 'DELETE' || !match) return next(request);
      const auth = { Authorization: request.headers.get('authorization') ?? '' };
      const origin = new URL(request.url).origin;
      const where = encodeURIComponent(JSON.stringify({ cluster: match[1] }));
      const backups = (await (await next(new Request(`${origin}/api/v1/kubebackups?where=${where}`, { headers: auth }))).json()) as { _items?: Array<{ _id: string; _etag: string }> };
      for (const backup of backups._items ?? []) {
        await next(new Request(`${origin}/api/v1/kubebackups/${backup._id}`, { method: 'DELETE', headers: { ...auth, 'If-Match': backup._etag } }));
      }
      return next(request);
    },
  },
  { name: 'clusters never become ACTIVE', breaks: 'KC-STATE-3', options: { activationDelayMs: 'never' } },
  {
    name: 'authentication is off',
    breaks: 'KC-AUTH-1',
    middleware: async (request, next) => {
      const token = request.headers.get('authorization')?.replace(/^Bearer\s+/i, '');
      if (token === TOKEN_A || token === TOKEN_B) return next(request);
      return next(await changed(request, { headers: { Authorization: `Bearer ${TOKEN_A}` } }));
    },
  },
  {
    name: "one tenant sees another's clusters",
    breaks: 'KC-AUTH-3',
    middleware: async (request, next) => {
      if (request.headers.get('authorization') !== `Bearer ${TOKEN_B}`) return next(request);
      return next(await changed(request, { headers: { Authorization: `Bearer ${TOKEN_A}` } }));
    },
  },
  {
    name: 'PUT merges instead of replacing',
    breaks: 'KC-UPDATE-3',
    middleware: async (request, next) => next(request.method === 'PUT' ? await changed(request, { method: 'PATCH' }) : request),
  },
  {
    name: 'If-None-Match is ignored (no 304)',
    breaks: 'KC-READ-3',
    middleware: async (request, next) => next(await changed(request, { headers: { 'If-None-Match': null } })),
  },
  { name: 'DELETE without If-Match is accepted under the strict profile', breaks: 'KC-DELETE-2', options: { profile: 'lenient' } },
  {
    name: '_id and status are taken from the POST body without complaint',
    breaks: 'KC-CREATE-5',
    middleware: async (request, next) => {
      const body = await jsonBody(request);
      if (request.method !== 'POST' || !body || typeof body !== 'object' || Array.isArray(body)) return next(request);
      const { _id, status, ...rest } = body;
      return next(await changed(request, { body: JSON.stringify(rest) }));
    },
  },
  {
    name: 'a bad where answers 200 with an empty list',
    breaks: 'KC-QUERY-4',
    middleware: async (request, next) => {
      const response = await next(request);
      if (response.status !== 400 || request.method !== 'GET') return response;
      return Response.json({ _items: [], _meta: { page: 1, max_results: 25, total: 0 }, _links: { parent: { title: 'home', href: '/' }, self: { title: 'kubeclusters', href: 'kubeclusters' } } });
    },
  },
  {
    name: 'the manifest forgets imagePullSecrets',
    breaks: 'KC-AGENT-2',
    middleware: async (request, next) => {
      const response = await next(request);
      if (!new URL(request.url).pathname.startsWith('/kubeclusteragents/') || response.status !== 200) return response;
      const manifest = parse(await response.text()) as { items: Array<{ spec?: { template?: { spec?: Record<string, unknown> } } }> };
      for (const item of manifest.items) delete item.spec?.template?.spec?.['imagePullSecrets'];
      return new Response(stringify(manifest), { status: 200, headers: { 'Content-Type': 'application/yaml' } });
    },
  },
  {
    name: 'jobs can be created with POST (no 405)',
    breaks: 'KC-JOBS-5',
    middleware: async (request, next) => {
      if (request.method !== 'POST' || new URL(request.url).pathname !== '/api/v1/jobs') return next(request);
      return new Response(JSON.stringify({ _status: 'OK' }), { status: 201, headers: { 'Content-Type': 'application/json' } });
    },
  },
  {
    name: "a backup definition's last_job_run_time never moves",
    breaks: 'KC-JOBS-4',
    middleware: async (request, next) => {
      const response = await next(request);
      if (!/\/api\/v1\/kubebackups\/[0-9a-f]{24}(\/action\/run)?$/.test(new URL(request.url).pathname)) return response;
      return mapJson(response, (body) => (body?.status ? { ...body, status: { ...body.status, last_job_run_time: 0 } } : body));
    },
  },
  ...liars,
  ...resourceVariants,
];

/** Shows each cluster with the ETag of its last client write, and accepts that ETag, as if state changes did not count. */
function frozenEtags(): Middleware {
  const shown = new Map<string, { shown: string }>();
  return async (request, next) => {
    const path = new URL(request.url).pathname;
    const id = ITEM.exec(path)?.[1];
    let forwarded = request;
    if (id && isWrite(request) && request.headers.get('if-match')?.replace(/"/g, '') === shown.get(id)?.shown) {
      forwarded = await changed(request, { headers: { 'If-Match': (await currentEtag(request, next)) ?? '' } });
    }
    const response = await next(forwarded);
    if (!response.ok || !(response.headers.get('content-type') ?? '').includes('json')) return response;
    const clientWrite = request.method !== 'GET';
    return mapJson(response, (body) => {
      const docId = body?._id;
      if (typeof docId !== 'string' || typeof body._etag !== 'string') return body;
      if (clientWrite || !shown.has(docId)) shown.set(docId, { shown: body._etag });
      return { ...body, _etag: shown.get(docId)?.shown };
    });
  };
}
