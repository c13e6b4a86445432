// Request steps (the middleware of the API path) run around a handler without forcing a promise:
// an answer that needs no I/O stays synchronous, and @hono/node-server writes it at once.
import type { Context, MiddlewareHandler } from 'hono';
import type { TenantEnv } from './auth.js';

export type Answer = Response | Promise<Response>;
/** A middleware that returns its answer: `next()`'s, another one, or its own without calling `next`. */
export type Step = (c: Context<TenantEnv>, next: () => Answer) => Answer;
export type ErrorRenderer = (error: Error, c: Context<TenantEnv>) => Response;

/**
 * Runs `steps` in order around `handler`, as Hono's compose does: an error thrown (or rejected)
 * at any depth becomes `renderError`'s answer right there, so the steps outside it see that answer.
 */
export function runSteps(c: Context<TenantEnv>, steps: readonly Step[], handler: (c: Context<TenantEnv>) => Answer, renderError: ErrorRenderer): Answer {
  const rendered = (error: unknown): Response => {
    if (!(error instanceof Error)) throw error;
    return renderError(error, c);
  };
  const dispatch = (index: number): Answer => {
    const step = steps[index];
    // A step that hands on its inner answer as it is adds no promise: that answer is guarded already.
    let inner: Answer | undefined;
    let answer: Answer;
    try {
      answer = step ? step(c, () => (inner = dispatch(index + 1))) : handler(c);
    } catch (error) {
      return rendered(error);
    }
    return answer instanceof Promise && answer !== inner ? answer.catch(rendered) : answer;
  };
  return dispatch(0);
}

/** `then` for an answer that may or may not be a promise; keeps a synchronous answer synchronous. */
export function afterAnswer(answer: Answer, use: (response: Response) => Response): Answer {
  return answer instanceof Promise ? answer.then(use) : use(answer);
}

/** A step as Hono middleware, for the routes Hono serves itself (control API, agent manifest, OpenAPI). */
export function asMiddleware(step: Step): MiddlewareHandler<TenantEnv> {
  return async (c, next) => {
    const answer = await step(c, async () => {
      await next();
      return c.res;
    });
    keep(c, answer);
  };
}

/** A Hono middleware (hono/cors, say) as a step: `c.res` holds the inner answer while it runs, as in Hono. */
export function fromMiddleware(middleware: MiddlewareHandler<TenantEnv>): Step {
  return async (c, next) => {
    const own = await middleware(c, async () => {
      keep(c, await next());
    });
    return own ?? c.res;
  };
}

/**
 * Makes `answer` the context's response the way Hono's compose does: set when none is yet, replaced
 * (Hono copies the headers set so far) when it is another one, left alone when it is the same.
 */
function keep(c: Context<TenantEnv>, answer: Response): void {
  if (!c.finalized || c.res !== answer) c.res = answer;
}
