// The pages for people: `/` (landing), `/docs` (API reference), their assets, and the dashboard under /__mock/ui.
import { Hono } from 'hono';
import type { Context } from 'hono';
import type { MockRuntime } from '../runtime.js';
import { ApiError } from '../http/errors.js';
import { methodNotAllowed } from '../resources/routes.js';
import { NOT_FOUND } from '../resources/service.js';
import { fillTemplate } from './html.js';
import { DASHBOARD_PATH, landingPage, navigation } from './landing.js';
import type { PageAssets } from './page-assets.js';

const HTML = 'text/html; charset=utf-8';
const CSS = 'text/css; charset=utf-8';
const JS = 'text/javascript; charset=utf-8';
/** Pages show live state: always asked again. The assets change only with a new version of the package. */
const FRESH = { 'Cache-Control': 'no-cache' };

export function pageRoutes(runtime: MockRuntime, assets: PageAssets): Hono {
  const pages = new Hono();
  const origin = (c: Context) => runtime.options.publicUrl ?? new URL(c.req.url).origin;
  pages.get('/', (c) => c.body(landingPage(runtime, assets, origin(c)), 200, { 'Content-Type': HTML, ...FRESH }));
  pages.get('/docs', (c) => c.body(fillTemplate(assets.staticFile('docs.html'), { nav: navigation(runtime.options.control, '/docs') }), 200, { 'Content-Type': HTML, ...FRESH }));
  pages.get('/assets/ui.css', (c) => c.body(assets.staticFile('ui.css'), 200, { 'Content-Type': CSS, ...FRESH }));
  pages.get('/assets/redoc.standalone.js', (c) => c.body(assets.redocBundle(), 200, { 'Content-Type': JS, 'Cache-Control': 'max-age=3600' }));
  for (const path of ['/', '/docs', '/assets/ui.css', '/assets/redoc.standalone.js']) pages.all(path, methodNotAllowed);
  return pages;
}

/** Mounted at /__mock/ui only with the control API: the dashboard is nothing but a view of it. */
export function dashboardRoutes(runtime: MockRuntime, assets: PageAssets): Hono {
  const dashboard = new Hono();
  dashboard.get('/', (c) => c.body(fillTemplate(assets.staticFile('dashboard.html'), { nav: navigation(runtime.options.control, DASHBOARD_PATH) }), 200, { 'Content-Type': HTML, ...FRESH }));
  dashboard.get('/dashboard.css', (c) => c.body(assets.staticFile('dashboard.css'), 200, { 'Content-Type': CSS, ...FRESH }));
  // The built modules keep their layout under dist/mock, so their relative imports resolve in the browser.
  dashboard.get('/js/*', (c) => {
    const script = assets.clientModule(c.req.path.slice(`${DASHBOARD_PATH}/js/`.length));
    if (script === undefined) throw new ApiError(404, NOT_FOUND);
    return c.body(script, 200, { 'Content-Type': JS, ...FRESH });
  });
  return dashboard;
}
