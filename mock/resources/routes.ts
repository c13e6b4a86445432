// HTTP ↔ service under /api/v1: one dispatch (routing, 404/405, then the token), and each resource's answers as Eve gives them.
import type { Context } from 'hono';
import { readDocumentBody, readJsonBody } from '../http/body.js';
import { AnswerCache } from '../http/answer-cache.js';
import { ApiError } from '../http/errors.js';
import { etagHeader, isNotModified } from '../http/etag.js';
import { requestHeader } from '../http/headers.js';
import type { Answer } from '../http/pipeline.js';
import { DocRenderer, jsonAnswer, locationOf } from '../http/render.js';
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
/** How many item answers and list pages each resource keeps as bytes. */
const ITEMS_KEPT = 1024;
const PAGES_KEPT = 64;
const ALL_METHODS = { resource: ['GET', 'HEAD', 'POST'], item: ['GET', 'HEAD', 'PATCH', 'PUT', 'DELETE'] } as const;

export function methodNotAllowed(): never {
  throw new ApiError(405, METHOD_NOT_ALLOWED);
}

interface ApiRoute {
  /** The methods served; others answer 405. */
  served: ReadonlySet<string>;
  /** `Allow` as Flask lists it for OPTIONS: an item also lists POST, Eve's method-override route. */
  allow: string;
}

/** One resource's routes: its collection, its items, and the run of an item when it declares one. */
interface ResourceRoutes {
  collection: ApiRoute;
  item: ApiRoute;
  run?: ApiRoute;
}

/** Where a path under `/api/v1` leads: found once per request, before authentication. */
interface ApiTarget {
  /** The route the dispatch checks the method against. */
  route: ApiRoute;
  kind: 'root' | 'collection' | 'item' | 'images' | 'run';
  /** The resource's name as its definition spells it; '' at the root. */
  resource: string;
  /** The item's id as the path writes it (not decoded); '' for the root and a collection. */
  id: string;
  /**
   * Flask's rules take at most one trailing slash when matching a route (a method the route does
   * not serve is 405), but Eve's endpoints have none but the root's: such a path is then answered 404.
   */
  slashed: boolean;
}

const API_PREFIX = '/api/v1';
const SLASH = 47;
const RUN_SUFFIX = '/action/run';
/** The seed's doubled prefix (its `Location`, its image list), served as `/api/v1` by a profile that uses it. */
const SEED_PREFIX = '/api/v1/v1';

/** `/api/v1/v1/…` as `/api/v1/…`; any other path as it is. */
function fromSeedPath(path: string): string {
  const seed = path.startsWith(SEED_PREFIX) && (path.length === SEED_PREFIX.length || path.charCodeAt(SEED_PREFIX.length) === SLASH);
  return seed ? API_PREFIX + path.slice(SEED_PREFIX.length) : path;
}

/** Finds the target of a path, without splitting it (this runs for every API request). */
function apiTargets(definitions: readonly ResourceDefinition[], seedPaths = false): (path: string) => ApiTarget | undefined {
  const targetOf = canonicalTargets(definitions);
  // Only a seed profile pays for the second prefix: `/api/v1/…` is the path every other request takes.
  return seedPaths ? (path) => targetOf(fromSeedPath(path)) : targetOf;
}

function canonicalTargets(definitions: readonly ResourceDefinition[]): (path: string) => ApiTarget | undefined {
  const route = (served: readonly string[], allow: string): ApiRoute => ({ served: new Set(served), allow });
  const root: ApiTarget = { route: route(['GET', 'HEAD'], 'OPTIONS, GET, HEAD'), kind: 'root', resource: '', id: '', slashed: false };
  const images = route(['GET', 'HEAD'], 'GET, OPTIONS, HEAD');
  const resources = new Map<string, ResourceRoutes>();
  for (const { name, methods = ALL_METHODS, runs } of definitions) {
    const routes: ResourceRoutes = { collection: route(methods.resource, flaskAllow(methods.resource)), item: route(methods.item, flaskAllow(methods.item)) };
    if (runs) routes.run = route(['POST'], 'POST, OPTIONS');
    resources.set(name, routes);
  }
  const names = [...resources.keys()];
  /** The resource named from `start` to `end`, as its definition spells it (a string whose hash is known). */
  const nameAt = (path: string, start: number, end: number): string | undefined => {
    for (const name of names) if (name.length === end - start && path.startsWith(name, start)) return name;
    return undefined;
  };
  return (path) => {
    if (!path.startsWith(API_PREFIX)) return undefined;
    if (path.length === API_PREFIX.length || (path.length === API_PREFIX.length + 1 && path.endsWith('/'))) return root;
    if (path.charCodeAt(API_PREFIX.length) !== SLASH) return undefined;
    const nameStart = API_PREFIX.length + 1;
    const nameEnd = path.indexOf('/', nameStart);
    const resource = nameAt(path, nameStart, nameEnd === -1 ? path.length : nameEnd);
    if (resource === undefined) return undefined;
    const routes = resources.get(resource) as ResourceRoutes;
    if (nameEnd === -1 || nameEnd === path.length - 1) return { route: routes.collection, kind: 'collection', resource, id: '', slashed: nameEnd !== -1 };
    const idEnd = path.indexOf('/', nameEnd + 1);
    if (idEnd === nameEnd + 1) return undefined;
    const id = path.slice(nameEnd + 1, idEnd === -1 ? path.length : idEnd);
    if (idEnd === -1 || idEnd === path.length - 1) {
      const isImages = resource === 'kubeclusters' && id === 'cloudcasa-images';
      return { route: isImages ? images : routes.item, kind: isImages ? 'images' : 'item', resource, id, slashed: idEnd !== -1 };
    }
    const isRun = routes.run && path.length - idEnd === RUN_SUFFIX.length && path.endsWith(RUN_SUFFIX);
    return isRun ? { route: routes.run as ApiRoute, kind: 'run', resource, id, slashed: false } : undefined;
  };
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
export function apiAllow(definitions: readonly ResourceDefinition[], seedPaths = false): (path: string) => string | undefined {
  const targetOf = canonicalTargets(definitions);
  return (given) => {
    const path = seedPaths ? fromSeedPath(given) : given;
    // Flask answers OPTIONS on the API root only at its canonical URL, with the slash.
    if (path === '/api/v1' || (ITEM_PATH.test(path) && !ITEM_ID.test(path))) return undefined;
    return targetOf(path)?.route.allow;
  };
}

/** An answer for one route, for `tenant`; `id` is the item's, decoded as Hono decodes a path parameter. */
export type RouteHandler = (c: Context, tenant: string, id: string) => Answer;

/** One resource's answers by route and method (HEAD is answered as GET). */
export interface ResourceHandlers {
  collection: Partial<Record<string, RouteHandler>>;
  item: Partial<Record<string, RouteHandler>>;
  run?: RouteHandler;
}

export interface ApiDispatch {
  definitions: readonly ResourceDefinition[];
  resources: ReadonlyMap<string, ResourceHandlers>;
  root: { home: RouteHandler; images: RouteHandler };
  /** The tenant of a request, or a thrown 401. */
  authenticate: (c: Context) => string;
  /** Serve `/api/v1/v1/…` as `/api/v1/…` (the seed profile's links). */
  seedPaths?: boolean;
}

/**
 * The one dispatch of `/api/v1`. Routing comes before authentication, as in Eve (Flask): an unknown
 * route is 404 and a method a route does not offer is 405, with or without a valid token.
 */
export function apiDispatch({ definitions, resources, root, authenticate, seedPaths }: ApiDispatch): (c: Context) => Answer {
  const targetOf = apiTargets(definitions, seedPaths);
  return (c) => {
    const target = targetOf(c.req.path);
    if (!target) return notFound();
    if (!target.route.served.has(c.req.method)) methodNotAllowed();
    const tenant = authenticate(c);
    const method = c.req.method === 'HEAD' ? 'GET' : c.req.method;
    const handlers = resources.get(target.resource);
    if (target.slashed) return notFound();
    switch (target.kind) {
      case 'root':
        return (method === 'GET' ? root.home : notFound)(c, tenant, '');
      case 'collection':
        return (handlers?.collection[method] ?? notFound)(c, tenant, '');
      case 'images':
        return (method === 'GET' ? root.images : notFound)(c, tenant, '');
      case 'item':
        return (handlers?.item[method] ?? notFound)(c, tenant, tryDecodeURIComponent(target.id));
      case 'run':
        return (method === 'POST' && handlers?.run ? handlers.run : notFound)(c, tenant, tryDecodeURIComponent(target.id));
    }
  };
}

function notFound(): never {
  throw new ApiError(404, NOT_FOUND);
}

/** Hono's decoding of a path parameter: the whole of it when it is valid, else each valid escape. */
function tryDecodeURIComponent(value: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value.replace(/(?:%[0-9A-Fa-f]{2})+/g, (match) => {
      try {
        return decodeURIComponent(match);
      } catch {
        return match;
      }
    });
  }
}

/** Eve's answers for one resource, each built once per document and reused until the document changes. */
export function resourceRoutes(service: ResourceService, deps: RouteDeps): ResourceHandlers {
  const related = service.definition.references
    .filter(({ field }) => !field.includes('.'))
    .map(({ field, resource }) => ({ field, resource, title: domain[resource].title }));
  const target: RenderTarget = { resource: service.definition.name, title: service.definition.title, profile: deps.profile, related };
  const renderer = new DocRenderer(target);
  /** The items read last, by id (the document itself tells whether the bytes still hold). */
  const items = new AnswerCache<StoredDoc>(ITEMS_KEPT);
  const context = (c: Context, tenant: string): WriteContext => ({ tenant, now: deps.now(), baseUrl: deps.baseUrl(c) });
  /** Eve's write answers: 201 carries Location (the etag only in the body); PATCH carries ETag; PUT ETag and Last-Modified. */
  const written = (c: Context, doc: StoredDoc, status: 200 | 201): Response => {
    if (status === 201) return jsonAnswer(c.env, renderer.writtenJson(doc), 201, { location: locationOf(deps.baseUrl(c), doc._id, target) });
    const lastModified = c.req.method === 'PUT' ? httpDate(doc._updated) : undefined;
    return jsonAnswer(c.env, renderer.writtenJson(doc), 200, { etag: etagHeader(doc._etag), lastModified });
  };
  const handlers: ResourceHandlers = {
    collection: { GET: listRoute(service, deps, renderer), POST: (c, tenant) => readDocumentBody(c, deps.limits.maxBodyBytes).then((body) => created(c, tenant, body)) },
    item: {
      GET: (c, tenant, id) => {
        const doc = service.get(tenant, id);
        if (isNotModified(doc, requestHeader(c, 'if-none-match'), requestHeader(c, 'if-modified-since'))) return new Response(null, { status: 304, headers: { etag: etagHeader(doc._etag) } });
        return items.answer(c.env, doc._id, doc) ?? items.keep(c.env, doc._id, doc, renderer.json(doc, 'item'), { etag: etagHeader(doc._etag), lastModified: httpDate(doc._updated) });
      },
      // A write answers in the continuation of its body's promise: no async function's own promise and turn on top.
      PATCH: (c, tenant, id) => readDocumentBody(c, deps.limits.maxBodyBytes).then((body) => written(c, service.update(context(c, tenant), id, body, requestHeader(c, 'if-match')), 200)),
      PUT: (c, tenant, id) =>
        readDocumentBody(c, deps.limits.maxBodyBytes).then((body) => {
          const { doc, created } = service.replace(context(c, tenant), id, body, requestHeader(c, 'if-match'));
          return written(c, doc, created ? 201 : 200);
        }),
      DELETE: (c, tenant, id) => {
        service.remove(context(c, tenant), id, requestHeader(c, 'if-match'));
        return new Response(null, { status: 204, headers: { 'Content-Type': 'application/json' } });
      },
    },
  };

  const created = (c: Context, tenant: string, body: unknown): Response => {
    // Eve answers a one-document list exactly as a single document.
    if (body !== null && (!Array.isArray(body) || body.length === 1)) return written(c, service.create(context(c, tenant), Array.isArray(body) ? body[0] : body), 201);
    if (body === null || body.length === 0) throw new ApiError(400, 'Invalid body: it holds no document; send a JSON object or a non-empty list of them');
    const docs = service.createMany(context(c, tenant), body);
    const location = locationOf(deps.baseUrl(c), (docs[0] as StoredDoc)._id, target);
    return jsonAnswer(c.env, `{"_status":"OK","_items":[${docs.map((doc) => renderer.writtenJson(doc)).join(',')}]}`, 201, { location });
  };

  const run = deps.run;
  if (run && service.definition.runs) {
    handlers.run = (c, tenant, id) => readJsonBody(c, deps.limits.maxBodyBytes).then((body) => written(c, run(context(c, tenant), service.definition.name, id, body), 200));
  }
  return handlers;
}

function listRoute(service: ResourceService, deps: RouteDeps, renderer: DocRenderer): RouteHandler {
  const resource = renderer.target.resource;
  const whereLimits = { maxLength: deps.limits.maxWhereLength, maxDepth: deps.limits.maxWhereDepth, maxRegexLength: deps.limits.maxRegexLength };
  /** Pages by tenant and query string, each valid for the collection revision it was rendered at. */
  const pages = new AnswerCache<number>(PAGES_KEPT);
  return (c, tenant) => {
    const url = c.req.url;
    const queryStart = url.indexOf('?');
    const key = `${tenant}\u0000${queryStart === -1 ? '' : url.slice(queryStart)}`;
    const revision = service.revision(tenant);
    const kept = pages.answer(c.env, key, revision);
    if (kept) return kept;
    const paging = parsePaging({ max_results: c.req.query('max_results'), page: c.req.query('page') });
    const raw = { where: c.req.query('where'), sort: c.req.query('sort'), projection: c.req.query('projection') };
    const where = raw.where === undefined ? undefined : parseWhere(raw.where, whereLimits);
    const sort = raw.sort === undefined ? undefined : parseSort(raw.sort);
    const projection = raw.projection === undefined ? undefined : parseProjection(raw.projection);
    const { items, total } = service.list(tenant, { where, sort, ...paging });
    const queryString = new URL(url).search.replace(/^\?/, '');
    const links = listLinks({ resource, title: resource, queryString, page: paging.page, maxResults: paging.maxResults, total });
    const meta = { page: paging.page, max_results: paging.maxResults, total };
    const lastModified = items.length > 0 ? httpDate(Math.max(...items.map((doc) => doc._updated))) : undefined;
    const itemsJson = projection
      ? JSON.stringify(items.map((doc) => renderer.render(applyProjection(doc, projection, ALWAYS_KEPT) as StoredDoc)))
      : `[${items.map((doc) => renderer.json(doc)).join(',')}]`;
    const json = `{"_items":${itemsJson},"_links":${JSON.stringify(links)},"_meta":${JSON.stringify(meta)}}`;
    return pages.keep(c.env, key, revision, json, { lastModified, totalCount: String(total) });
  };
}
