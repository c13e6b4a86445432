// Bearer-token authentication: each accepted token is a tenant of its own.
import type { Context } from 'hono';
import { ApiError } from './errors.js';
import { requestHeader } from './headers.js';

const CHALLENGE = { 'WWW-Authenticate': 'Bearer realm="kubeclusters"' };
/** RFC 6750 `b64token`: what a bearer token may look like at all. */
const TOKEN_SYNTAX = /^[A-Za-z0-9\-._~+/]+=*$/;

const BEARER = /^Bearer +(\S+) *$/i;

/** The token of `Authorization: Bearer <token>`; the usual spelling is read without a regular expression. */
function bearerToken(header: string): string | undefined {
  if (header.startsWith('Bearer ') && header.indexOf(' ', 7) === -1 && header.length > 7) return header.slice(7);
  return BEARER.exec(header)?.[1];
}

/**
 * The tenant a request acts for: its bearer token, when accepted; otherwise Eve's 401 with a Bearer
 * challenge. Without a token list any well-formed token is a tenant; a malformed one never is.
 */
export function bearerTenant(accepted: ReadonlySet<string> | undefined): (c: Context) => string {
  return (c) => {
    const token = bearerToken(requestHeader(c, 'authorization') ?? '');
    const refused = token === undefined || (accepted === undefined ? !TOKEN_SYNTAX.test(token) : !accepted.has(token));
    if (refused) throw new ApiError(401, 'Please provide proper credentials', { headers: CHALLENGE });
    return token as string;
  };
}
