// Ways of breaking any one resource, each a middleware around the real mock that touches only that
// resource's routes: the broken variants of the KC-RES-… requirements are these, one per resource and behaviour.
import type { ResourceName } from '../client.js';
import { createSchemaValidators } from '../../spec/schemas.js';
import type { SchemaName } from '../../spec/schemas.js';
import type { Json, Middleware } from './middleware.js';
import { changed, currentDoc, currentEtag, jsonBody, mapJson, matchesEtag, pretendWritten } from './middleware.js';

type Route = 'item' | 'collection';

function routeOf(request: Request, resource: ResourceName): Route | undefined {
  const path = new URL(request.url).pathname;
  if (path === `/api/v1/${resource}`) return 'collection';
  return new RegExp(`^/api/v1/${resource}/[0-9a-f]{24}$`).test(path) ? 'item' : undefined;
}

/** `middleware` for `method` requests to the resource's `route`; every other request passes untouched. */
function only(resource: ResourceName, route: Route, methods: readonly string[], middleware: Middleware): Middleware {
  return (request, next) => (methods.includes(request.method) && routeOf(request, resource) === route ? middleware(request, next) : next(request));
}

const isObject = (body: unknown): body is Json => typeof body === 'object' && body !== null && !Array.isArray(body);

/** POST stores `field` as `value` (left out when undefined), and answers as if stored as sent. */
export function storedAs(resource: ResourceName, field: string, value?: unknown): Middleware {
  return only(resource, 'collection', ['POST'], async (request, next) => {
    const sent = await jsonBody(request);
    if (!isObject(sent) || !(field in sent)) return next(request);
    const stored = { ...sent, [field]: value };
    const answer = await next(await changed(request, { body: JSON.stringify(stored) }));
    return mapJson(answer, (body) => (body?._status === 'OK' ? { ...body, [field]: sent[field] } : body));
  });
}

/** PATCH naming `field` answers 200 with the patched document and stores nothing. */
export function patchIgnores(resource: ResourceName, field: string): Middleware {
  return only(resource, 'item', ['PATCH'], async (request, next) => {
    const sent = await jsonBody(request);
    const current = await currentDoc(request, next);
    if (!isObject(sent) || !(field in sent) || !matchesEtag(request, current)) return next(request);
    return pretendWritten(current!, sent);
  });
}

/** PUT stores everything but `field`, which keeps its old value; the answer shows the value sent. */
export function putKeeps(resource: ResourceName, field: string): Middleware {
  return only(resource, 'item', ['PUT'], async (request, next) => {
    const sent = await jsonBody(request);
    const current = await currentDoc(request, next);
    if (!isObject(sent) || !(field in sent) || !current) return next(request);
    const answer = await next(await changed(request, { body: JSON.stringify({ ...sent, [field]: current[field] }) }));
    return mapJson(answer, (body) => (body?._status === 'OK' ? { ...body, [field]: sent[field] } : body));
  });
}

/** A write without If-Match is taken as if it named the current ETag (no 428). */
export function ifMatchFilledIn(resource: ResourceName): Middleware {
  return only(resource, 'item', ['PATCH', 'PUT', 'DELETE'], async (request, next) => {
    if (request.headers.has('if-match')) return next(request);
    return next(await changed(request, { headers: { 'If-Match': (await currentEtag(request, next)) ?? '' } }));
  });
}

/** A write with any If-Match is taken as if it named the current ETag (no 412). */
export function staleIfMatchAccepted(resource: ResourceName): Middleware {
  return only(resource, 'item', ['PATCH', 'PUT', 'DELETE'], async (request, next) => {
    if (!request.headers.has('if-match')) return next(request);
    return next(await changed(request, { headers: { 'If-Match': (await currentEtag(request, next)) ?? '' } }));
  });
}

/** DELETE with the right If-Match answers 204 and deletes nothing. */
export function deleteKeeps(resource: ResourceName): Middleware {
  return only(resource, 'item', ['DELETE'], async (request, next) =>
    matchesEtag(request, await currentDoc(request, next)) ? new Response(null, { status: 204 }) : next(request),
  );
}

/** Lists ignore `where` (or only the `where` keys named), as a server that does not know them would. */
export function whereIgnored(resource: ResourceName, keys?: readonly string[]): Middleware {
  return only(resource, 'collection', ['GET'], async (request, next) => {
    const url = new URL(request.url);
    const where = url.searchParams.get('where');
    if (where === null) return next(request);
    const parsed = keys ? (JSON.parse(where) as Json) : {};
    for (const key of keys ?? []) delete parsed[key];
    if (Object.keys(parsed).length === 0) url.searchParams.delete('where');
    else url.searchParams.set('where', JSON.stringify(parsed));
    return next(await changed(request, { url: url.href }));
  });
}

const validators = createSchemaValidators();

/**
 * POST silently drops the top-level fields the input schema refuses for `keyword`: `unevaluatedProperties`
 * (unknown fields) or `type` (a value of the wrong type). The rest is stored.
 */
export function invalidDropped(resource: ResourceName, schema: SchemaName, keyword: 'unevaluatedProperties' | 'type'): Middleware {
  return only(resource, 'collection', ['POST'], async (request, next) => {
    const sent = await jsonBody(request);
    const validate = validators.validator(schema);
    if (!isObject(sent) || validate(sent)) return next(request);
    const refused = (validate.errors ?? []).filter((error) => error.keyword === keyword);
    const fields = refused.map((error) => (keyword === 'type' ? error.instancePath.split('/')[1] : String(error.params['unevaluatedProperty'])));
    const kept = Object.fromEntries(Object.entries(sent).filter(([field]) => !fields.includes(field)));
    return next(await changed(request, { body: JSON.stringify(kept) }));
  });
}

/** Stores every new document under a hidden unique name and shows the name the client chose. */
export function uniqueNamesDisguised(resource: ResourceName): Middleware {
  let counter = 0;
  const reveal = (item: Json) => (item && typeof item['name'] === 'string' ? { ...item, name: item['name'].replace(/~dup\d+$/, '') } : item);
  return async (request, next) => {
    const body = await jsonBody(request);
    const isCreate = request.method === 'POST' && routeOf(request, resource) === 'collection' && isObject(body) && typeof body['name'] === 'string';
    const response = await next(isCreate ? await changed(request, { body: JSON.stringify({ ...body, name: `${body['name']}~dup${++counter}` }) }) : request);
    if (!routeOf(request, resource)) return response;
    return mapJson(response, (answer) => (Array.isArray(answer?._items) ? { ...answer, _items: answer._items.map(reveal) } : reveal(answer)));
  };
}
