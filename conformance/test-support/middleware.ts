// The pieces broken variants are made of: a middleware around the real mock that reads, changes or
// invents requests and answers. Nothing here breaks anything by itself.
import { createHash } from 'node:crypto';
import { bareEtag } from '../expect.js';
import { IN_PROCESS_TOKENS } from '../target.js';

export type Next = (request: Request) => Promise<Response>;
export type Middleware = (request: Request, next: Next) => Promise<Response>;
export type Json = Record<string, any>;

export const ITEM = /\/api\/v1\/kubeclusters\/([0-9a-f]{24})$/;
export const COLLECTION = /\/api\/v1\/kubeclusters$/;
export const [TOKEN_A, TOKEN_B] = IN_PROCESS_TOKENS;

export const isWrite = (request: Request) => ['PATCH', 'PUT', 'DELETE'].includes(request.method);

/** The cluster id of an item request, else undefined. */
export function itemId(request: Request): string | undefined {
  return ITEM.exec(new URL(request.url).pathname)?.[1];
}

export function isCollection(request: Request): boolean {
  return COLLECTION.test(new URL(request.url).pathname);
}

export function tokenOf(request: Request): string | undefined {
  return request.headers.get('authorization')?.replace(/^Bearer\s+/i, '');
}

/** A copy of the request whose body can be read more than once. */
export async function buffered(request: Request): Promise<Request> {
  const body = ['GET', 'HEAD'].includes(request.method) ? undefined : await request.text();
  return new Request(request.url, { method: request.method, headers: request.headers, ...(body === undefined ? {} : { body }) });
}

export function changed(request: Request, changes: { url?: string; method?: string; headers?: Record<string, string | null>; body?: string }): Promise<Request> {
  const headers = new Headers(request.headers);
  for (const [name, value] of Object.entries(changes.headers ?? {})) {
    if (value === null) headers.delete(name);
    else headers.set(name, value);
  }
  const method = changes.method ?? request.method;
  const bodyText = changes.body ?? (['GET', 'HEAD'].includes(method) ? undefined : request.clone().text());
  return Promise.resolve(bodyText).then((body) => new Request(changes.url ?? request.url, { method, headers, ...(body === undefined ? {} : { body }) }));
}

/** Drops a query parameter, as a server that does not know it would. */
export function ignoringParameter(name: string): Middleware {
  return async (request, next) => {
    const url = new URL(request.url);
    url.searchParams.delete(name);
    return next(await changed(request, { url: url.href }));
  };
}

export function asTenant(request: Request, token: string, headers: Record<string, string | null> = {}): Promise<Request> {
  return changed(request, { headers: { Authorization: `Bearer ${token}`, ...headers } });
}

export async function jsonBody(request: Request): Promise<any> {
  try {
    return JSON.parse(await request.clone().text());
  } catch {
    return undefined;
  }
}

export async function mapJson(response: Response, map: (body: any) => any): Promise<Response> {
  if (!(response.headers.get('content-type') ?? '').includes('json')) return response;
  const body = map(await response.json());
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  return new Response(JSON.stringify(body), { status: response.status, headers });
}

export function withHeaders(response: Response, set: Record<string, string>): Response {
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(set)) headers.set(name, value);
  return new Response(response.body, { status: response.status, headers });
}

/** Every document of an answer: the item itself, or the items of a list. */
export { docsOf } from '../rules/rule.js';

/** The item as `token` (default: the request's own tenant) sees it, or undefined. */
export async function currentDoc(request: Request, next: Next, token = tokenOf(request)): Promise<Json | undefined> {
  const answer = await next(new Request(request.url, { headers: { Authorization: `Bearer ${token ?? ''}` } }));
  return answer.status === 200 ? ((await answer.json()) as Json) : undefined;
}

export async function currentEtag(request: Request, next: Next): Promise<string | undefined> {
  return (await currentDoc(request, next))?.['_etag'];
}

/** Whether the request's If-Match names the document's current ETag. */
export function matchesEtag(request: Request, doc: Json | undefined): boolean {
  return doc !== undefined && bareEtag(request.headers.get('if-match')) === doc['_etag'];
}

export function eveError(status: number, message: string): Response {
  return Response.json({ _status: 'ERR', _error: { code: status, message } }, { status });
}

/** A plausible answer to a write that was never stored: a fresh 40-hex ETag and a later `_updated`. */
export function pretendWritten(doc: Json, changes: Json): Response {
  const _etag = createHash('sha1').update(`${doc['_etag']}-pretend`).digest('hex');
  const _updated = new Date(Date.parse(doc['_updated']) + 2_000).toUTCString();
  const body = { ...doc, ...changes, _etag, _updated, _status: 'OK' };
  return Response.json(body, { headers: { ETag: `"${_etag}"`, 'Last-Modified': _updated } });
}
