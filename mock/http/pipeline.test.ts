import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { ApiError } from './errors.js';
import { asMiddleware, guard, runSteps } from './pipeline.js';
import type { Stage, Step } from './pipeline.js';
import { renderError } from './render.js';

/** A step that writes its name before and after the rest, so the order shows. */
const traced =
  (name: string, trace: string[]): Step =>
  (_c, next) => {
    trace.push(`>${name}`);
    const answer = next();
    trace.push(`<${name}`);
    return answer;
  };

function appWith(steps: Stage[], handler: () => Response | Promise<Response>): Hono {
  const app = new Hono();
  app.get('/', (c) => runSteps(c, steps, handler, renderError));
  return app;
}

describe('request steps (the /api/v1 pipeline)', () => {
  it('run in order around the handler and stay synchronous when nothing waits', () => {
    const trace: string[] = [];
    const app = appWith([traced('a', trace), traced('b', trace)], () => new Response('ok'));
    const answer = app.fetch(new Request('http://x/'));
    expect(answer).toBeInstanceOf(Response);
    expect(trace).toEqual(['>a', '>b', '<b', '<a']);
  });

  it('turn an error thrown at any depth into the rendered error the outer steps then see', async () => {
    const seen: number[] = [];
    const outer: Step = (_c, next) => {
      const answer = next() as Response;
      seen.push(answer.status);
      return answer;
    };
    const app = appWith([outer], () => {
      throw new ApiError(409, 'taken');
    });
    const res = await app.request('/');
    expect(seen).toEqual([409]);
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ _status: 'ERR', _error: { code: 409, message: 'taken' } });
  });

  it('render a rejected handler the same way, and let outer steps read its status', async () => {
    const seen: number[] = [];
    const outer: Step = (_c, next) => Promise.resolve(next()).then((answer) => (seen.push(answer.status), answer));
    const app = appWith([outer], () => Promise.reject(new ApiError(412, 'stale')));
    const res = await app.request('/');
    expect(seen).toEqual([412]);
    expect(res.status).toBe(412);
  });

  it("apply each step's `after` to its answer, innermost first, on a promised answer as on a synchronous one", async () => {
    const seen: string[] = [];
    const watching =
      (name: string): Step =>
      (_c, next, after) => {
        after((answer) => (seen.push(`${name} ${answer.status}`), answer));
        return next();
      };
    const failing = appWith([watching('outer'), watching('inner')], () => Promise.reject(new ApiError(412, 'stale')));
    expect((await failing.request('/')).status).toBe(412);
    expect(seen).toEqual(['inner 412', 'outer 412']);
    seen.length = 0;
    const answering = appWith([watching('outer'), watching('inner')], () => new Response('ok', { status: 201 }));
    expect(answering.fetch(new Request('http://x/'))).toBeInstanceOf(Response);
    expect(seen).toEqual(['inner 201', 'outer 201']);
  });

  it('apply an `after` handed its function once `next` has answered, as long as the step has not returned', async () => {
    const seen: string[] = [];
    const late: Step = (_c, next, after) => {
      const answer = next();
      after((settled) => (seen.push(`late ${settled.status}`), settled));
      return answer;
    };
    const failing = appWith([late], () => Promise.reject(new ApiError(409, 'taken')));
    expect((await failing.request('/')).status).toBe(409);
    const answering = appWith([late], () => new Response('ok', { status: 201 }));
    expect(answering.fetch(new Request('http://x/'))).toBeInstanceOf(Response);
    expect(seen).toEqual(['late 409', 'late 201']);
  });

  it('let an `after` replace the answer, and render one that throws for the steps outside it', async () => {
    const statuses: number[] = [];
    const outer: Step = (_c, next, after) => {
      after((answer) => (statuses.push(answer.status), answer));
      return next();
    };
    const breaking: Step = (_c, next, after) => {
      after(() => {
        throw new ApiError(507, 'disk full');
      });
      return next();
    };
    const app = appWith([outer, breaking], async () => new Response('ok'));
    const res = await app.request('/');
    expect(res.status).toBe(507);
    expect(statuses).toEqual([507]);
  });

  it('let a guard answer a request itself: the stages after it never run, the steps before it see its answer', () => {
    const trace: string[] = [];
    const options = guard((c) => (c.req.method === 'OPTIONS' ? new Response(null, { status: 204 }) : undefined));
    const app = new Hono();
    app.all('/', (c) => runSteps(c, [traced('outer', trace), options, traced('inner', trace)], () => new Response('route'), renderError));
    const answer = app.fetch(new Request('http://x/', { method: 'OPTIONS' })) as Response;
    expect(answer.status).toBe(204);
    expect(trace).toEqual(['>outer', '<outer']);
    trace.length = 0;
    expect((app.fetch(new Request('http://x/')) as Response).status).toBe(200);
    expect(trace).toEqual(['>outer', '>inner', '<inner', '<outer']);
  });

  it("render a guard's error and its rejected answer for the steps outside it", async () => {
    const seen: number[] = [];
    const outer: Step = (_c, next, after) => {
      after((answer) => (seen.push(answer.status), answer));
      return next();
    };
    const throwing = guard(() => {
      throw new ApiError(400, 'bad');
    });
    expect((await appWith([outer, throwing], () => new Response('ok')).request('/')).status).toBe(400);
    const rejecting = guard(() => Promise.reject(new ApiError(503, 'later')));
    expect((await appWith([outer, rejecting], () => new Response('ok')).request('/')).status).toBe(503);
    expect(seen).toEqual([400, 503]);
  });

  it('keep one continuation for a waiting handler when guards pass it on: the `after` outside them sees its answer', async () => {
    const seen: string[] = [];
    const watching: Step = (_c, next, after) => {
      after((answer) => (seen.push(`watching ${answer.status}`), answer));
      return next();
    };
    const passing = guard(() => undefined);
    const res = await appWith([watching, passing, passing], async () => new Response('ok', { status: 201 })).request('/');
    expect(res.status).toBe(201);
    expect(seen).toEqual(['watching 201']);
  });

  it('work as Hono middleware too, keeping the answer a step gives instead of the route', async () => {
    const app = new Hono();
    app.use('*', asMiddleware((c, next) => (c.req.method === 'OPTIONS' ? new Response(null, { status: 200, headers: { Allow: 'GET' } }) : next())));
    app.all('/', (c) => c.text('route'));
    expect((await app.request('/', { method: 'OPTIONS' })).headers.get('allow')).toBe('GET');
    expect(await (await app.request('/')).text()).toBe('route');
  });

  it('run a guard as Hono middleware, answering for the route or passing to it', async () => {
    const app = new Hono();
    app.use('*', asMiddleware(guard((c) => (c.req.method === 'OPTIONS' ? new Response(null, { status: 200, headers: { Allow: 'GET' } }) : undefined))));
    app.all('/', (c) => c.text('route'));
    expect((await app.request('/', { method: 'OPTIONS' })).headers.get('allow')).toBe('GET');
    expect(await (await app.request('/')).text()).toBe('route');
  });
});
