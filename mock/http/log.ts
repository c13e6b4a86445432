// One line per request for `serve --log`: method, path, status, milliseconds.
import type { MiddlewareHandler } from 'hono';

export function requestLog(write: (line: string) => void): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const url = new URL(c.req.url);
    write(`${c.req.method} ${url.pathname}${url.search} ${c.res.status} ${(performance.now() - started).toFixed(1)}ms`);
  };
}
