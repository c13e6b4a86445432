// Bearer-token authentication: each accepted token is a tenant of its own.
import { ApiError } from './errors.js';
import { requestHeader } from './headers.js';
import type { Step } from './pipeline.js';
import type { ApiTarget } from '../resources/routes.js';

/** What the API steps leave on a request: the tenant (its token), and where its path leads. */
export type TenantEnv = { Variables: { tenant: string; apiTarget: ApiTarget } };

const CHALLENGE = { 'WWW-Authenticate': 'Bearer realm="kubeclusters"' };
/** RFC 6750 `b64token`: what a bearer token may look like at all. */
const TOKEN_SYNTAX = /^[A-Za-z0-9\-._~+/]+=*$/;

const BEARER = /^Bearer +(\S+) *$/i;

/** The token of `Authorization: Bearer <token>`; the usual spelling is read without a regular expression. */
function bearerToken(header: string): string | undefined {
  if (header.startsWith('Bearer ') && header.indexOf(' ', 7) === -1 && header.length > 7) return header.slice(7);
  return BEARER.exec(header)?.[1];
}

export function bearerAuth(accepted: ReadonlySet<string> | undefined): Step {
  return (c, next) => {
    const token = bearerToken(requestHeader(c, 'authorization') ?? '');
    // Without a token list any well-formed token is a tenant; a malformed one is never accepted.
    const refused = token === undefined || (accepted === undefined ? !TOKEN_SYNTAX.test(token) : !accepted.has(token));
    if (refused) {
      throw new ApiError(401, 'Please provide proper credentials', { headers: CHALLENGE });
    }
    c.set('tenant', token as string);
    return next();
  };
}
