// Cross-origin access for `serve --cors`: Hono's CORS middleware set up the way Eve's X_DOMAINS works.
import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';

/** `'*'` lets every origin in (echoed back, as Eve does); otherwise the exact origins, e.g. `http://localhost:5173`. */
export type CorsOrigins = '*' | readonly string[];

/** What a browser page may send (Eve's `X_HEADERS`) and read (Eve's `X_EXPOSE_HEADERS`). */
export const CORS_ALLOW_HEADERS = ['Authorization', 'Content-Type', 'If-Match', 'If-None-Match'] as const;
export const CORS_EXPOSE_HEADERS = ['ETag', 'Location', 'X-Total-Count'] as const;
/** Eve's `X_MAX_AGE` default: browsers may keep a preflight answer six hours. */
export const CORS_MAX_AGE_SECONDS = 21600;

/**
 * Answers preflights (an `OPTIONS` with an `Origin`) itself, naming the route's methods, and adds `Access-Control-*` headers to
 * every other answer that has an `Origin`, errors included. Requests without an `Origin` (curl,
 * servers) pass untouched, as in Eve, so a plain `OPTIONS` still reaches the routes' own answer.
 */
export function corsAccess(origins: CorsOrigins, allowOf: (path: string) => string | undefined): MiddlewareHandler {
  const allowed = new Set(origins === '*' ? [] : origins);
  const handler = cors({
    origin: (origin) => (origins === '*' || allowed.has(origin) ? origin : null),
    // As Eve does: the route's own `Allow` (what Flask answers OPTIONS with).
    allowMethods: (_origin, c) => (allowOf(c.req.path) ?? '').split(', ').filter(Boolean),
    allowHeaders: [...CORS_ALLOW_HEADERS],
    exposeHeaders: [...CORS_EXPOSE_HEADERS],
    maxAge: CORS_MAX_AGE_SECONDS,
  });
  return async (c, next) => {
    if (!c.req.header('origin')) return next();
    const answer = await handler(c, next);
    if (c.req.method !== 'OPTIONS' || !answer) return answer;
    // Eve answers a preflight like any OPTIONS (200, Flask's `Allow`), with the CORS headers added.
    const headers = new Headers(answer.headers);
    const allow = allowOf(c.req.path);
    if (allow) headers.set('Allow', allow);
    headers.set('Content-Type', 'text/html; charset=utf-8');
    headers.set('Content-Length', '0');
    return new Response(null, { status: 200, headers });
  };
}

/** `--cors` as typed: `*`, or origins separated by commas; each must be a bare origin (scheme://host[:port]). */
export function parseCorsOrigins(value: string): CorsOrigins {
  const parts = value.split(',').map((part) => part.trim()).filter(Boolean);
  if (parts.length === 1 && parts[0] === '*') return '*';
  if (parts.length === 0) throw new RangeError('expected * or a comma-separated list of origins such as http://localhost:5173');
  for (const part of parts) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(part);
    } catch {
      parsed = undefined;
    }
    if (!parsed || parsed.origin !== part) throw new RangeError(`"${part}" is not an origin: expected scheme://host[:port] with no path, such as http://localhost:5173`);
  }
  return parts;
}
