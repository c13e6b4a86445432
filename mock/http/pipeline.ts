// Request steps (the middleware of the API path) run around a handler without forcing a promise:
// an answer that needs no I/O stays synchronous, and @hono/node-server writes it at once.
import type { Context, MiddlewareHandler } from 'hono';

export type Answer = Response | Promise<Response>;
/** Makes `use` apply to the answer of the step that calls it, once that answer is made (and errors rendered). */
export type AfterAnswer = (use: (response: Response) => Response) => void;
/**
 * A middleware that returns its answer: `next()`'s, another one, or its own without calling `next`.
 * A step that only looks at the answer (to record it, or add to it) hands `after` a function instead
 * of chaining on `next()`'s promise: it then adds no promise of its own to a request that waits.
 * `after` takes its function any time before the step returns, before or after calling `next`.
 */
export type Step = (c: Context, next: () => Answer, after: AfterAnswer) => Answer;
export type ErrorRenderer = (error: Error, c: Context) => Response;

/**
 * Runs `steps` in order around `handler`, as Hono's compose does: an error thrown (or rejected)
 * at any depth becomes `renderError`'s answer right there, so the steps outside it see that answer.
 */
export function runSteps(c: Context, steps: readonly Step[], handler: (c: Context) => Answer, renderError: ErrorRenderer): Answer {
  const rendered = (error: unknown): Response => {
    if (!(error instanceof Error)) throw error;
    return renderError(error, c);
  };
  // The handler's promised answer, guarded, and the `after` functions of the steps it passes through
  // unchanged, innermost first: they run in the one continuation the guard adds.
  let promised: Promise<Response> | undefined;
  const waiting: Array<(response: Response) => Response> = [];
  // An `after` that throws is rendered like any other error, and the steps outside it see that answer.
  const applied = (use: (response: Response) => Response, answer: Response): Response => {
    try {
      return use(answer);
    } catch (error) {
      return rendered(error);
    }
  };
  const finish = (response: Response): Response => waiting.reduce((answer, use) => applied(use, answer), response);
  /** The handler's answer; a promise is guarded, and carries the waiting `after` functions. */
  const handled = (): Answer => {
    try {
      const answer = handler(c);
      return answer instanceof Promise ? (promised = answer.then(finish, (error: unknown) => finish(rendered(error)))) : answer;
    } catch (error) {
      return rendered(error);
    }
  };
  /** A step's answer with its `after` applied, guarded unless it is the inner answer handed on as it is. */
  const settled = (answer: Answer, inner: Answer | undefined, use: ((response: Response) => Response) | undefined): Answer => {
    if (!(answer instanceof Promise)) return use ? applied(use, answer) : answer;
    if (!use) return answer === inner ? answer : answer.catch(rendered);
    if (answer === promised) {
      waiting.push(use);
      return answer;
    }
    return answer.then(
      (response) => applied(use, response),
      (error: unknown) => applied(use, rendered(error)),
    );
  };
  const dispatch = (index: number): Answer => {
    const step = steps[index];
    if (!step) return handled();
    let inner: Answer | undefined;
    let use: ((response: Response) => Response) | undefined;
    let answer: Answer;
    try {
      answer = step(
        c,
        () => (inner = dispatch(index + 1)),
        (after) => void (use = after),
      );
    } catch (error) {
      answer = rendered(error);
    }
    return settled(answer, inner, use);
  };
  return dispatch(0);
}

/** A step as Hono middleware, for the routes Hono serves itself (control API, agent manifest, OpenAPI). */
export function asMiddleware(step: Step): MiddlewareHandler {
  return async (c, next) => {
    let use: ((response: Response) => Response) | undefined;
    const answer = await step(
      c,
      async () => {
        await next();
        return c.res;
      },
      (after) => void (use = after),
    );
    keep(c, use ? use(answer) : answer);
  };
}

/** A Hono middleware (hono/cors, say) as a step: `c.res` holds the inner answer while it runs, as in Hono. */
export function fromMiddleware(middleware: MiddlewareHandler): Step {
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
function keep(c: Context, answer: Response): void {
  if (!c.finalized || c.res !== answer) c.res = answer;
}
