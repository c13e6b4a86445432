// HTTP ↔ service for one resource: collection and item routes and Eve's answers (405s come from routeGuard).
import { Hono } from 'hono';
import type { Context, MiddlewareHandler } from 'hono';
import type { TenantEnv } from '../http/auth.js';
import { readDocumentBody, readJsonBody } from '../http/body.js';
import { ApiError } from '../http/errors.js';
import { etagHeader, isNotModified } from '../http/etag.js';
import { DocRenderer, locationOf } from '../http/render.js';
import type { RenderTarget } from '../http/render.js';
import type { Limits, Profile } from '../options.js';
import { listLinks, parsePaging } from '../query/paging.js';
import { applyProjection, parseProjection } from '../query/projection.js';
import { parseSort } from '../query/sort.js';
import { parseWhere } from '../query/where.js';
import type { ResourceName, StoredDoc } from '../store/document.js';
import { httpDate } from '../store/http-date.js';
import type { ResourceDefinition, WriteContext } from './definition.js';
import { domain } from './domain.js';
import { NOT_FOUND } from './service.js';
import type { ResourceService } from './service.js';

export interface RouteDeps {
  profile: Profile;
  limits: Limits;
  now: () => number;
  baseUrl: (c: Context) => string;
  /** Starts a run of a definition that declares `runs` (`POST …/{id}/action/run`) and answers the definition. */
  run?: (context: WriteContext, resource: ResourceName, id: string, body: unknown) => StoredDoc;
}

const METHOD_NOT_ALLOWED = 'The method is not allowed for the requested URL.';
/** Meta fields a projection never removes; `_links` is rendered from what the projection kept (Eve omits a related link whose field is projected away). */
const ALWAYS_KEPT = ['_id', '_etag', '_created', '_updated'] as const;
const ALL_METHODS = { resource: ['GET', 'HEAD', 'POST'], item: ['GET', 'HEAD', 'PATCH', 'PUT', 'DELETE'] } as const;

export function methodNotAllowed(): never {
  throw new ApiError(405, METHOD_NOT_ALLOWED);
}

interface ApiRoute {
  pattern: RegExp;
  /** The methods served; others answer 405. */
  served: ReadonlySet<string>;
  /** `Allow` as Flask lists it for OPTIONS: an item also lists POST, Eve's method-override route. */
  allow: string;
}

function apiRoutes(definitions: readonly ResourceDefinition[]): ApiRoute[] {
  const route = (pattern: RegExp, served: readonly string[], allow: string): ApiRoute => ({ pattern, served: new Set(served), allow });
  const routes = [
    route(/^\/api\/v1\/?$/, ['GET', 'HEAD'], 'OPTIONS, GET, HEAD'),
    route(/^\/api\/v1\/kubeclusters\/cloudcasa-images\/?$/, ['GET', 'HEAD'], 'GET, OPTIONS, HEAD'),
  ];
  for (const { name, methods = ALL_METHODS, runs } of definitions) {
    routes.push(
      route(new RegExp(`^/api/v1/${name}/?$`), methods.resource, flaskAllow(methods.resource)),
      route(new RegExp(`^/api/v1/${name}/[^/]+/?$`), methods.item, flaskAllow(methods.item)),
    );
    if (runs) routes.push(route(new RegExp(`^/api/v1/${name}/[^/]+/action/run$`), ['POST'], 'POST, OPTIONS'));
  }
  return routes;
}

/** Flask's `Allow` for an Eve endpoint; an item that takes PATCH also has Eve's POST method-override route. */
function flaskAllow(methods: readonly string[]): string {
  const offered = new Set([...methods, 'OPTIONS', ...(methods.includes('PATCH') ? ['POST'] : [])]);
  const order = offered.has('PATCH') ? ['PUT', 'GET', 'POST', 'PATCH', 'OPTIONS', 'DELETE', 'HEAD'] : ['GET', 'POST', 'OPTIONS', 'HEAD'];
  return order.filter((method) => offered.has(method)).join(', ');
}

/** Eve's item URLs only match an ObjectId: for OPTIONS anything else under a collection is no route. */
const ITEM_PATH = /\/api\/v1\/\w+\/(?!cloudcasa-images)[^/]+\/?$/;
const ITEM_ID = /\/[0-9a-f]{24}\/?$/;

/** The `Allow` header of a path under `/api/v1`, or undefined when no route matches it. */
export function apiAllow(definitions: readonly ResourceDefinition[]): (path: string) => string | undefined {
  const routes = apiRoutes(definitions);
  return (path) => {
    // Flask answers OPTIONS on the API root only at its canonical URL, with the slash.
    if (path === '/api/v1' || (ITEM_PATH.test(path) && !ITEM_ID.test(path))) return undefined;
    return routes.find(({ pattern }) => pattern.test(path))?.allow;
  };
}

/**
 * Routing before authentication, as Eve (Flask) does: an unknown route is 404 and a method a route
 * does not offer is 405, with or without a valid token.
 */
export function routeGuard(definitions: readonly ResourceDefinition[]): MiddlewareHandler {
  const routes = apiRoutes(definitions);
  return async (c, next) => {
    const route = routes.find(({ pattern }) => pattern.test(c.req.path));
    if (!route) throw new ApiError(404, NOT_FOUND);
    if (!route.served.has(c.req.method)) methodNotAllowed();
    await next();
  };
}

export function resourceRoutes(service: ResourceService, deps: RouteDeps): Hono<TenantEnv> {
  const routes = new Hono<TenantEnv>();
  const related = service.definition.references
    .filter(({ field }) => !field.includes('.'))
    .map(({ field, resource }) => ({ field, resource, title: domain[resource].title }));
  const target: RenderTarget = { resource: service.definition.name, title: service.definition.title, profile: deps.profile, related };
  const renderer = new DocRenderer(target);
  const json = (c: Context, body: string, status: 200 | 201 = 200) => c.body(body, status, { 'Content-Type': 'application/json' });
  const context = (c: Context<TenantEnv>): WriteContext => ({ tenant: c.get('tenant'), now: deps.now(), baseUrl: deps.baseUrl(c) });
  /** Eve's write answers: 201 carries Location (the etag only in the body); PATCH carries ETag; PUT ETag and Last-Modified. */
  const written = (c: Context<TenantEnv>, doc: StoredDoc, status: 200 | 201) => {
    if (status === 201) c.header('Location', locationOf(deps.baseUrl(c), doc._id, target));
    else c.header('ETag', etagHeader(doc._etag));
    if (status === 200 && c.req.method === 'PUT') c.header('Last-Modified', httpDate(doc._updated));
    return json(c, renderer.writtenJson(doc), status);
  };

  routes.get('/', (c) => {
    const paging = parsePaging({ max_results: c.req.query('max_results'), page: c.req.query('page') });
    const raw = { where: c.req.query('where'), sort: c.req.query('sort'), projection: c.req.query('projection') };
    const limits = { maxLength: deps.limits.maxWhereLength, maxDepth: deps.limits.maxWhereDepth, maxRegexLength: deps.limits.maxRegexLength };
    const where = raw.where === undefined ? undefined : parseWhere(raw.where, limits);
    const sort = raw.sort === undefined ? undefined : parseSort(raw.sort);
    const projection = raw.projection === undefined ? undefined : parseProjection(raw.projection);
    const { items, total } = service.list(c.get('tenant'), { where, sort, ...paging });
    const queryString = new URL(c.req.url).search.replace(/^\?/, '');
    const links = listLinks({ resource: target.resource, title: target.resource, queryString, page: paging.page, maxResults: paging.maxResults, total });
    const meta = { page: paging.page, max_results: paging.maxResults, total };
    c.header('X-Total-Count', String(total));
    if (items.length > 0) c.header('Last-Modified', httpDate(Math.max(...items.map((doc) => doc._updated))));
    const itemsJson = projection
      ? JSON.stringify(items.map((doc) => renderer.render(applyProjection(doc, projection, ALWAYS_KEPT) as StoredDoc)))
      : `[${items.map((doc) => renderer.json(doc)).join(',')}]`;
    return json(c, `{"_items":${itemsJson},"_links":${JSON.stringify(links)},"_meta":${JSON.stringify(meta)}}`);
  });

  routes.post('/', async (c) => {
    const body = await readDocumentBody(c, deps.limits.maxBodyBytes);
    // Eve answers a one-document list exactly as a single document.
    if (body !== null && (!Array.isArray(body) || body.length === 1)) return written(c, service.create(context(c), Array.isArray(body) ? body[0] : body), 201);
    if (body === null || body.length === 0) throw new ApiError(400, 'Invalid body: it holds no document; send a JSON object or a non-empty list of them');
    const docs = service.createMany(context(c), body);
    c.header('Location', locationOf(deps.baseUrl(c), (docs[0] as StoredDoc)._id, target));
    return json(c, `{"_status":"OK","_items":[${docs.map((doc) => renderer.writtenJson(doc)).join(',')}]}`, 201);
  });

  routes.get('/:id', (c) => {
    const doc = service.get(c.get('tenant'), c.req.param('id'));
    c.header('ETag', etagHeader(doc._etag));
    if (isNotModified(doc, c.req.header('if-none-match'), c.req.header('if-modified-since'))) return c.body(null, 304);
    c.header('Last-Modified', httpDate(doc._updated));
    return json(c, renderer.json(doc, 'item'));
  });

  routes.patch('/:id', async (c) => {
    const body = await readDocumentBody(c, deps.limits.maxBodyBytes);
    return written(c, service.update(context(c), c.req.param('id'), body, c.req.header('if-match')), 200);
  });

  routes.put('/:id', async (c) => {
    const body = await readDocumentBody(c, deps.limits.maxBodyBytes);
    const { doc, created } = service.replace(context(c), c.req.param('id'), body, c.req.header('if-match'));
    return written(c, doc, created ? 201 : 200);
  });

  routes.delete('/:id', (c) => {
    service.remove(context(c), c.req.param('id'), c.req.header('if-match'));
    return c.body(null, 204, { 'Content-Type': 'application/json' });
  });

  const run = deps.run;
  if (run && service.definition.runs) {
    routes.post('/:id/action/run', async (c) => {
      const body = await readJsonBody(c, deps.limits.maxBodyBytes);
      return written(c, run(context(c), service.definition.name, c.req.param('id'), body), 200);
    });
  }

  return routes;
}
