// Eve's ALLOW_OVERRIDE_HTTP_METHOD: `X-HTTP-Method-Override: PATCH` on any request makes it that method.
import type { Hono, MiddlewareHandler } from 'hono';

const HEADER = 'x-http-method-override';
const BODILESS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Re-dispatches the request through `app` with the overriding method (the header dropped, so once only). */
export function methodOverride(app: Pick<Hono, 'fetch'>): MiddlewareHandler {
  return async (c, next) => {
    const override = c.req.header(HEADER)?.trim().toUpperCase();
    if (!override || override === c.req.method) return next();
    const headers = new Headers(c.req.raw.headers);
    headers.delete(HEADER);
    const body = BODILESS.has(override) ? undefined : await c.req.arrayBuffer();
    return app.fetch(new Request(c.req.url, { method: override, headers, ...(body === undefined ? {} : { body }) }), c.env);
  };
}
