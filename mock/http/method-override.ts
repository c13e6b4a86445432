// Eve's ALLOW_OVERRIDE_HTTP_METHOD: `X-HTTP-Method-Override: PATCH` on any request makes it that method.
import type { Hono } from 'hono';
import { requestHeader } from './headers.js';
import { hostRequestReader } from './host-request.js';
import { guard } from './pipeline.js';
import type { Guard } from './pipeline.js';

const HEADER = 'x-http-method-override';
const BODILESS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Re-dispatches the request through `app` with the overriding method (the header dropped, so once only). */
export function methodOverride(app: Pick<Hono, 'fetch'>): Guard {
  return guard((c) => {
    const override = requestHeader(c, HEADER)?.trim().toUpperCase();
    if (!override || override === c.req.method) return undefined;
    return (async () => {
      const headers = new Headers(c.req.raw.headers);
      headers.delete(HEADER);
      const body = BODILESS.has(override) ? undefined : await c.req.arrayBuffer();
      // The raw request's body has been read into the new one: the handlers read it from there, not from the host's stream.
      return app.fetch(new Request(c.req.url, { method: override, headers, ...(body === undefined ? {} : { body }) }), withoutBody(c.env));
    })();
  });
}

/** The host's bindings without its raw request, whose body has been read already. */
function withoutBody(env: unknown): unknown {
  const reader = hostRequestReader();
  return reader ? reader.withoutBody(env) : env;
}
