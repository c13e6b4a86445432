// createMockApp: wires HTTP to the store, the resources, the lifecycle and the control API. Wiring only,
// on Web APIs alone: what only a host can do (files, the state file, pages) comes in as `MockHost`.
import { Hono } from 'hono';
import type { Context } from 'hono';
import { loadSpec } from '../spec/document.js';
import { controlRoutes, controlMiddleware } from './control/routes.js';
import { MockControlState } from './control/state.js';
import { bearerTenant } from './http/auth.js';
import { corsAccess } from './http/cors.js';
import { requestLog } from './http/log.js';
import { methodOverride } from './http/method-override.js';
import { answerOptions } from './http/options.js';
import { originOf } from './http/origin.js';
import { asMiddleware, fromMiddleware, guard, runSteps } from './http/pipeline.js';
import type { Stage } from './http/pipeline.js';
import { ApiError } from './http/errors.js';
import { renderError } from './http/render.js';
import { JobRunner } from './lifecycle/jobs.js';
import { ClusterLifecycle } from './lifecycle/lifecycle.js';
import { defaultAgentImages } from './lifecycle/manifest.js';
import { Timeline } from './lifecycle/timeline.js';
import { resolveOptions, servesSeedPaths } from './options.js';
import type { MockOptions } from './options.js';
import type { ResourceDefinition } from './resources/definition.js';
import { domain, domainIndexes } from './resources/domain.js';
import { apiAllow, apiDispatch, methodNotAllowed, resourceRoutes } from './resources/routes.js';
import { NOT_FOUND, ResourceService } from './resources/service.js';
import type { MockHost, MockRuntime } from './runtime.js';
import { MockClock } from './store/clock.js';
import type { ResourceName } from './store/document.js';
import { Store } from './store/store.js';
import { DASHBOARD_PATH } from './ui/landing.js';
import { dashboardRoutes, pageRoutes } from './ui/routes.js';
import { DocumentValidator } from './validation/validator.js';

export type { MockHost, MockRuntime } from './runtime.js';

export interface Mock {
  app: Hono;
  runtime: MockRuntime;
}

export function createMockApp(options: MockOptions = {}, host: MockHost = {}): Hono {
  return createMock(options, host).app;
}

export function createMock(options: MockOptions = {}, host: MockHost = {}): Mock {
  if (options.statePath !== undefined && host.stages === undefined) {
    throw new Error('statePath needs a host with files: use createMock from "kubeclusters-mock" (Node), not from its msw or browser entry');
  }
  const runtime = createRuntime(options, host);
  const app = new Hono();
  // Every request passes these stages in this order: an API request inside the one /api/v1 dispatch
  // (one handler, so an answer that needs no I/O leaves synchronously), any other as Hono middleware.
  const allow = allowOf(Object.values(domain), servesSeedPaths(runtime.options.profile));
  const outer: Stage[] = [methodOverride(app), ...(host.stages?.(runtime) ?? [])];
  if (runtime.options.log) outer.push(requestLog(runtime.options.log));
  // Before the journal and the faults, so injected failures carry CORS headers too.
  if (runtime.options.cors) outer.push(fromMiddleware(corsAccess(runtime.options.cors, allow)));
  const inner: Stage[] = runtime.options.control ? [controlMiddleware(runtime)] : [];
  // Timed moves due by now (an activation, a job's step) are applied before any answer is made.
  inner.push(answerOptions(allow), guard(() => void runtime.timeline.settle()));
  app.onError(renderError);
  mountApi(app, runtime, [...outer, ...inner]);
  const site = siteApp(runtime, outer, inner);
  app.notFound((c) => site.fetch(c.req.raw, c.env));
  return { app, runtime };
}

/** Everything outside /api/v1: pages, the OpenAPI document, the agent manifest, the control API. */
function siteApp(runtime: MockRuntime, outer: readonly Stage[], inner: readonly Stage[]): Hono {
  const site = new Hono();
  site.onError(renderError);
  site.notFound((c) => renderError(new ApiError(404, NOT_FOUND), c));
  for (const stage of outer) site.use('*', asMiddleware(stage));
  // Pages for people are not API traffic: mounted before the journal and the faults, which never see them.
  const { assets } = runtime.host;
  if (assets) site.route('/', pageRoutes(runtime, assets));
  if (assets && runtime.options.control) site.route(DASHBOARD_PATH, dashboardRoutes(runtime, assets));
  for (const stage of inner) site.use('*', asMiddleware(stage));
  mountRootRoutes(site, runtime);
  if (runtime.options.control) site.route('/__mock', controlRoutes(runtime));
  return site;
}

function createRuntime(options: MockOptions, host: MockHost): MockRuntime {
  const resolved = resolveOptions(options);
  const clock = options.clock ?? new MockClock();
  const store = new Store(domainIndexes());
  const timeline = new Timeline(store, clock);
  const lifecycle = new ClusterLifecycle(store, clock, timeline, { activationDelayMs: resolved.activationDelayMs });
  const validator = new DocumentValidator();
  const deps = { store, validator, profile: resolved.profile, limits: resolved.limits };
  const services = {
    kubeclusters: new ResourceService(domain.kubeclusters, { ...deps, initialServerFields: (id, context) => lifecycle.initialFields(id, context.baseUrl) }),
    objectstores: new ResourceService(domain.objectstores, deps),
    kubebackups: new ResourceService(domain.kubebackups, deps),
    policies: new ResourceService(domain.policies, deps),
    kubeoffloads: new ResourceService(domain.kubeoffloads, deps),
    jobs: new ResourceService(domain.jobs, deps),
  } satisfies Record<ResourceName, ResourceService>;
  const jobs = new JobRunner(store, clock, timeline, validator, services, { jobDurationMs: resolved.jobDurationMs });
  return { options: resolved, clock, store, validator, timeline, lifecycle, jobs, services, control: new MockControlState(resolved.limits.journalSize), host };
}

const ROOT_ROUTES = [/^\/api-docs\/?$/, /^\/kubeclusteragents\/[^/]+\/[^/]+$/];

/** `Allow` for OPTIONS: the API's routes, and the read-only routes outside it. */
function allowOf(definitions: readonly ResourceDefinition[], seedPaths: boolean): (path: string) => string | undefined {
  const api = apiAllow(definitions, seedPaths);
  return (path) => (ROOT_ROUTES.some((route) => route.test(path)) ? 'GET, OPTIONS, HEAD' : api(path));
}

/** Outside `/api/v1`, without the API token: the OpenAPI document and the agent manifest. */
function mountRootRoutes(app: Hono, runtime: MockRuntime): void {
  app.get('/api-docs', (c) => c.json(loadSpec()));
  app.all('/api-docs', methodNotAllowed);
  app.get('/kubeclusteragents/:agentId/:file', async (c) => {
    const manifest = await runtime.lifecycle.applyManifest(new URL(c.req.url).pathname);
    return c.body(manifest, 200, { 'Content-Type': 'application/yaml; charset=utf-8' });
  });
  app.all('/kubeclusteragents/:agentId/:file', methodNotAllowed);
}

function mountApi(app: Hono, runtime: MockRuntime, stages: readonly Stage[]): void {
  const { options, clock } = runtime;
  const origin = originOf();
  // Eve's home endpoint: a link to every resource.
  const home = { _links: { child: Object.keys(runtime.services).map((name) => ({ href: name, title: name })) } };
  const deps = {
    profile: options.profile,
    limits: options.limits,
    now: () => clock.now(),
    baseUrl: (c: { req: { url: string } }) => options.publicUrl ?? origin(c.req.url),
    run: runtime.jobs.run.bind(runtime.jobs),
  };
  const resources = new Map(Object.values(runtime.services).map((service) => [service.definition.name, resourceRoutes(service, deps)]));
  const dispatch = apiDispatch({
    definitions: Object.values(domain),
    resources,
    root: { home: (c) => c.json(home), images: (c) => c.json(defaultAgentImages) },
    authenticate: bearerTenant(options.tokens),
    seedPaths: servesSeedPaths(options.profile),
  });
  const api = (c: Context) => runSteps(c, stages, dispatch, renderError);
  app.all('/api/v1', api);
  app.all('/api/v1/*', api);
}
