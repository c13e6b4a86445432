// Eve's ALLOW_OVERRIDE_HTTP_METHOD: `X-HTTP-Method-Override: PATCH` on any request makes it that method.
import type { Hono } from 'hono';
import { requestHeader } from './headers.js';
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
      // The raw request's body has been read into the new one: the handlers read it from there, not from Node's stream.
      return app.fetch(new Request(c.req.url, { method: override, headers, ...(body === undefined ? {} : { body }) }), withoutIncoming(c.env));
    })();
  });
}

/** @hono/node-server's bindings without the raw Node request (`incoming`), which `readJsonBody` would otherwise read. */
function withoutIncoming(env: unknown): unknown {
  if (env === null || typeof env !== 'object' || !('incoming' in env)) return env;
  const { incoming: _read, ...rest } = env as Record<string, unknown>;
  return rest;
}
