// Request stages (the middleware of the API path: steps and guards) run around a handler without forcing a promise:
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
/**
 * A check that answers some requests itself (OPTIONS, an overridden method) and passes the others
 * on: it neither wraps the rest nor sees its answer, so passing it costs one call and no closures.
 */
export interface Guard {
  guard: (c: Context) => Answer | undefined;
}
/** What the pipeline runs: steps, which wrap the rest, and guards, which only stand before it. */
export type Stage = Step | Guard;
export type ErrorRenderer = (error: Error, c: Context) => Response;

export function guard(check: (c: Context) => Answer | undefined): Guard {
  return { guard: check };
}

/**
 * Runs `stages` in order around `handler`, as Hono's compose does: an error thrown (or rejected)
 * at any depth becomes `renderError`'s answer right there, so the steps outside it see that answer.
 */
export function runSteps(c: Context, stages: readonly Stage[], handler: (c: Context) => Answer, renderError: ErrorRenderer): Answer {
  return new StageRun(c, stages, handler, renderError).from(0);
}

type AfterUse = (response: Response) => Response;

/**
 * One request's way through the stages. It is one object with its methods on the prototype: a
 * request that passes only guards makes no closure, and a step makes the two it is handed.
 */
class StageRun {
  /** The handler's promised answer, guarded; it carries the `after` functions of the steps it passes through unchanged. */
  #promised: Promise<Response> | undefined;
  /** Those `after` functions, innermost first: they run in the one continuation the guard adds. */
  #waiting: AfterUse[] | undefined;

  constructor(
    private readonly c: Context,
    private readonly stages: readonly Stage[],
    private readonly handler: (c: Context) => Answer,
    private readonly renderError: ErrorRenderer,
  ) {}

  /** The answer of the stages from `index` on, and of the handler after them. */
  from(index: number): Answer {
    const stage = this.stages[index];
    if (stage === undefined) return this.#handled();
    return typeof stage === 'function' ? this.#stepped(stage, index) : this.#guarded(stage, index);
  }

  #rendered(error: unknown): Response {
    if (!(error instanceof Error)) throw error;
    return this.renderError(error, this.c);
  }

  /** An `after` that throws is rendered like any other error, and the steps outside it see that answer. */
  #applied(use: AfterUse, answer: Response): Response {
    try {
      return use(answer);
    } catch (error) {
      return this.#rendered(error);
    }
  }

  #finished(response: Response): Response {
    return this.#waiting ? this.#waiting.reduce((answer, use) => this.#applied(use, answer), response) : response;
  }

  /** The handler's answer; a promise is guarded, and carries the waiting `after` functions. */
  #handled(): Answer {
    try {
      const answer = this.handler(this.c);
      if (!(answer instanceof Promise)) return answer;
      this.#promised = answer.then(
        (response) => this.#finished(response),
        (error: unknown) => this.#finished(this.#rendered(error)),
      );
      return this.#promised;
    } catch (error) {
      return this.#rendered(error);
    }
  }

  #guarded(stage: Guard, index: number): Answer {
    let answer: Answer | undefined;
    try {
      answer = stage.guard(this.c);
    } catch (error) {
      return this.#rendered(error);
    }
    if (answer === undefined) return this.from(index + 1);
    return answer instanceof Promise ? answer.catch((error: unknown) => this.#rendered(error)) : answer;
  }

  #stepped(step: Step, index: number): Answer {
    let inner: Answer | undefined;
    let use: AfterUse | undefined;
    let answer: Answer;
    try {
      answer = step(
        this.c,
        () => (inner = this.from(index + 1)),
        (after) => void (use = after),
      );
    } catch (error) {
      answer = this.#rendered(error);
    }
    return this.#settled(answer, inner, use);
  }

  /** A step's answer with its `after` applied, guarded unless it is the inner answer handed on as it is. */
  #settled(answer: Answer, inner: Answer | undefined, use: AfterUse | undefined): Answer {
    if (!(answer instanceof Promise)) return use ? this.#applied(use, answer) : answer;
    if (!use) return answer === inner ? answer : answer.catch((error: unknown) => this.#rendered(error));
    if (answer === this.#promised) {
      (this.#waiting ??= []).push(use);
      return answer;
    }
    return answer.then(
      (response) => this.#applied(use, response),
      (error: unknown) => this.#applied(use, this.#rendered(error)),
    );
  }
}

/** A stage as Hono middleware, for the routes Hono serves itself (control API, agent manifest, OpenAPI). */
export function asMiddleware(stage: Stage): MiddlewareHandler {
  const step: Step = typeof stage === 'function' ? stage : (c, next) => stage.guard(c) ?? next();
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
