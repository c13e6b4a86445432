// OPTIONS as Flask answers it under Eve: 200 and no body on any path, with `Allow` where a route matches.
import { guard } from './pipeline.js';
import type { Guard } from './pipeline.js';

/** `allowOf` names a path's methods (`GET, OPTIONS, HEAD`), or undefined where no route matches. */
export function answerOptions(allowOf: (path: string) => string | undefined): Guard {
  return guard((c) => {
    if (c.req.method !== 'OPTIONS') return undefined;
    const allow = allowOf(c.req.path);
    return c.body(null, 200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': '0', ...(allow ? { Allow: allow } : {}) });
  });
}
