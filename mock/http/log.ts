// One line per request for `serve --log`: method, path, status, milliseconds.
import type { Step } from './pipeline.js';

export function requestLog(write: (line: string) => void): Step {
  return (c, next, after) => {
    const started = performance.now();
    after((response) => {
      const url = new URL(c.req.url);
      write(`${c.req.method} ${url.pathname}${url.search} ${response.status} ${(performance.now() - started).toFixed(1)}ms`);
      return response;
    });
    return next();
  };
}
