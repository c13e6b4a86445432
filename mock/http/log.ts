// One line per request for `serve --log`: method, path, status, milliseconds.
import { afterAnswer } from './pipeline.js';
import type { Step } from './pipeline.js';

export function requestLog(write: (line: string) => void): Step {
  return (c, next) => {
    const started = performance.now();
    return afterAnswer(next(), (response) => {
      const url = new URL(c.req.url);
      write(`${c.req.method} ${url.pathname}${url.search} ${response.status} ${(performance.now() - started).toFixed(1)}ms`);
      return response;
    });
  };
}
