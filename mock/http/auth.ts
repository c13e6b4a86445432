// Bearer-token authentication: each accepted token is a tenant of its own.
import type { MiddlewareHandler } from 'hono';
import { ApiError } from './errors.js';

export type TenantEnv = { Variables: { tenant: string } };

const CHALLENGE = { 'WWW-Authenticate': 'Bearer realm="kubeclusters"' };

export function bearerAuth(accepted: ReadonlySet<string> | undefined): MiddlewareHandler<TenantEnv> {
  return async (c, next) => {
    const token = /^Bearer +([^\s]+) *$/i.exec(c.req.header('authorization') ?? '')?.[1];
    if (token === undefined || (accepted !== undefined && !accepted.has(token))) {
      throw new ApiError(401, 'Please provide proper credentials', { headers: CHALLENGE });
    }
    c.set('tenant', token);
    await next();
  };
}
