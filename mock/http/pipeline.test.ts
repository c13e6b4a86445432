import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { TenantEnv } from './auth.js';
import { ApiError } from './errors.js';
import { asMiddleware, runSteps } from './pipeline.js';
import type { Step } from './pipeline.js';
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

function appWith(steps: Step[], handler: () => Response | Promise<Response>): Hono<TenantEnv> {
  const app = new Hono<TenantEnv>();
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

  it('work as Hono middleware too, keeping the answer a step gives instead of the route', async () => {
    const app = new Hono<TenantEnv>();
    app.use('*', asMiddleware((c, next) => (c.req.method === 'OPTIONS' ? new Response(null, { status: 200, headers: { Allow: 'GET' } }) : next())));
    app.all('/', (c) => c.text('route'));
    expect((await app.request('/', { method: 'OPTIONS' })).headers.get('allow')).toBe('GET');
    expect(await (await app.request('/')).text()).toBe('route');
  });
});
