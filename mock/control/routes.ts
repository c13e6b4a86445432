// The test-control API under /__mock: reset, fixtures, state, clock, agents, jobs, journal and faults.
import { Hono } from 'hono';
import type { Context } from 'hono';
import { loadSeedFixtures } from '../../fixtures/seed.js';
import { fixturesFromRecording, isRecording } from '../../fixtures/recording.js';
import type { FixtureSet } from '../../fixtures/types.js';
import type { MockHost, MockRuntime } from '../runtime.js';
import { readJsonBody } from '../http/body.js';
import { ApiError } from '../http/errors.js';
import type { Answer, Step } from '../http/pipeline.js';
import { renderError } from '../http/render.js';
import { MockClock } from '../store/clock.js';
import type { StoredDoc } from '../store/document.js';
import { parseHttpDate } from '../store/http-date.js';
import { exportState, importState, loadFixtures } from './snapshot.js';
import type { Fault, FaultSpec } from './state.js';
import { tenantContents, tenantSummaries } from './tenants.js';

export const CONTROL_PREFIX = '/__mock';
export const DEFAULT_TENANT = 'demo';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Journals every API request and applies injected faults; control requests themselves are left alone. */
export function controlMiddleware(runtime: MockRuntime): Step {
  const journal = (c: Context, response: Response, started: number): Response => {
    const query = c.req.url.indexOf('?');
    runtime.control.record({
      timeMs: Date.now(),
      method: c.req.method,
      path: query === -1 ? c.req.path : c.req.path + c.req.url.slice(query),
      status: response.status,
      durationMs: Math.round((performance.now() - started) * 1000) / 1000,
    });
    return response;
  };
  return (c, next, after) => {
    if (c.req.path.startsWith(CONTROL_PREFIX)) return next();
    const started = performance.now();
    const fault = runtime.control.takeFault(c.req.method, c.req.path);
    const answer = fault ? faulted(c, fault, next) : next();
    // An answer at hand is journaled at once; a promised one once it settles (and errors are rendered).
    if (answer instanceof Promise) after((response) => journal(c, response, started));
    else journal(c, answer, started);
    return answer;
  };
}

async function faulted(c: Context, fault: Fault, next: () => Answer): Promise<Response> {
  if (fault.latencyMs) await sleep(fault.latencyMs);
  return fault.status ? renderError(new ApiError(fault.status, `Injected fault ${fault.id}: answering ${fault.status}`), c) : next();
}

export function controlRoutes(runtime: MockRuntime): Hono {
  const control = new Hono();
  const ok = (c: Context, extra: Record<string, unknown> = {}) => c.json({ _status: 'OK', ...extra });

  control.get('/config', (c) => {
    const { profile, tokens, activationDelayMs, jobDurationMs, publicUrl, limits } = runtime.options;
    return ok(c, { profile, tokens: tokens === undefined ? 'any' : tokens.size, activationDelayMs, jobDurationMs, publicUrl: publicUrl ?? null, limits });
  });

  control.post('/reset', (c) => {
    runtime.store.clear();
    runtime.control.reset();
    return ok(c);
  });
  control.post('/fixtures', async (c) => {
    const body = (await readJsonBody(c)) as Record<string, unknown>;
    const tenant = typeof body['tenant'] === 'string' ? body['tenant'] : defaultTenant(runtime);
    const fixtures = await fixturesFrom(body, runtime.host);
    const loaded = loadFixtures({ ...runtime, tenant, fixtures, baseUrl: baseUrlOf(runtime, c) });
    return ok(c, { tenant, loaded });
  });
  control.get('/state', (c) => c.json(exportState(runtime.store, runtime.timeline)));
  control.put('/state', async (c) => {
    importState(runtime.store, runtime.timeline, await readJsonBody(c));
    runtime.timeline.settle();
    return ok(c);
  });
  control.get('/tenants', (c) => c.json({ tenants: tenantSummaries(runtime.store) }));
  control.get('/tenants/:tenant', (c) => c.json(tenantContents(runtime.store, c.req.param('tenant'), countParam(c.req.query('limit'), 50, 1000))));
  mountClock(control, runtime);
  mountAgents(control, runtime);
  mountJobs(control, runtime);
  mountJournalAndFaults(control, runtime);
  return control;
}

function mountClock(control: Hono, runtime: MockRuntime): void {
  const clock = () => {
    if (!(runtime.clock instanceof MockClock)) throw new ApiError(409, 'This mock was given its own clock; it cannot be moved through the control API');
    return runtime.clock;
  };
  const describe = (c: Context) => {
    runtime.timeline.settle();
    const state = clock().describe();
    return c.json({ ...state, iso: new Date(state.now).toISOString() });
  };
  control.get('/clock', describe);
  control.post('/clock/advance', async (c) => {
    const body = (await readJsonBody(c)) as Record<string, unknown>;
    const ms = typeof body['ms'] === 'number' ? body['ms'] : typeof body['seconds'] === 'number' ? body['seconds'] * 1000 : NaN;
    if (!Number.isFinite(ms) || ms < 0) throw new ApiError(400, 'Invalid body: send {"ms": <non-negative number>} or {"seconds": <non-negative number>}');
    clock().advance(ms);
    return describe(c);
  });
  control.post('/clock/set', async (c) => {
    const { time } = (await readJsonBody(c)) as Record<string, unknown>;
    const ms = typeof time === 'number' ? time : typeof time === 'string' ? (parseHttpDate(time) ?? Date.parse(time)) : NaN;
    if (!Number.isFinite(ms)) throw new ApiError(400, 'Invalid body: send {"time": <ISO date, RFC 1123 date or epoch ms>}');
    clock().set(ms);
    return describe(c);
  });
  control.post('/clock/freeze', (c) => (clock().freeze(), describe(c)));
  control.post('/clock/unfreeze', (c) => (clock().unfreeze(), describe(c)));
}

function mountAgents(control: Hono, runtime: MockRuntime): void {
  const answer = (c: Context, to: string) => {
    const doc = runtime.lifecycle.moveTo(c.req.param('id') ?? '', to);
    return c.json({ _status: 'OK', _id: doc._id, _etag: doc._etag, status: doc['status'] });
  };
  control.post('/clusters/:id/connect', (c) => answer(c, 'ACTIVE'));
  control.post('/clusters/:id/disconnect', (c) => answer(c, 'INACTIVE'));
  control.post('/clusters/:id/state', async (c) => {
    const { state } = (await readJsonBody(c)) as Record<string, unknown>;
    if (typeof state !== 'string') throw new ApiError(400, 'Invalid body: send {"state": "REGISTERED" | "PENDING" | "ACTIVE" | "INACTIVE"}');
    return answer(c, state);
  });
}

/** A job ends as the test says (`{"state": "FAILED"}`; default COMPLETED), or is held RUNNING until then. */
function mountJobs(control: Hono, runtime: MockRuntime): void {
  const answer = (c: Context, job: StoredDoc) => c.json({ _status: 'OK', _id: job._id, _etag: job._etag, state: job['state'] });
  control.post('/jobs/:id/finish', async (c) => {
    const body = c.req.header('content-type') === undefined ? {} : await readJsonBody(c);
    const { state = 'COMPLETED' } = (body ?? {}) as Record<string, unknown>;
    if (typeof state !== 'string') throw new ApiError(400, 'Invalid body: send {"state": "COMPLETED" | "PARTIAL" | "FAILED" | "CANCELLED" | "SKIPPED"}, or no body for COMPLETED');
    return answer(c, runtime.jobs.finish(c.req.param('id'), state));
  });
  control.post('/jobs/:id/hold', (c) => answer(c, runtime.jobs.hold(c.req.param('id'))));
}

function mountJournalAndFaults(control: Hono, runtime: MockRuntime): void {
  control.get('/journal', (c) => c.json({ entries: runtime.control.journal(countParam(c.req.query('limit'), runtime.options.limits.journalSize)) }));
  control.delete('/journal', (c) => (runtime.control.clearJournal(), c.body(null, 204)));
  control.get('/faults', (c) => c.json({ faults: runtime.control.faults() }));
  control.post('/faults', async (c) => c.json({ _status: 'OK', fault: runtime.control.addFault(checkFault(await readJsonBody(c))) }, 201));
  control.delete('/faults', (c) => (runtime.control.clearFaults(), c.body(null, 204)));
}

/** A `?limit=` query: a whole number from 0 to `max`, or `fallback` when absent. */
function countParam(value: string | undefined, fallback: number, max?: number): number {
  const count = Number(value ?? fallback);
  if (!Number.isInteger(count) || count < 0 || (max !== undefined && count > max)) {
    throw new ApiError(400, `Invalid limit: expected a ${max === undefined ? 'non-negative whole number' : `whole number from 0 to ${max}`}`);
  }
  return count;
}

function checkFault(body: unknown): FaultSpec {
  const spec = body as Partial<FaultSpec> | null;
  const problems: string[] = [];
  if (!spec || typeof spec !== 'object') problems.push('send a JSON object');
  else {
    if (typeof spec.path !== 'string' || !spec.path.startsWith('/')) problems.push('"path" must be a path such as /api/v1/kubeclusters/*');
    if (spec.status !== undefined && (!Number.isInteger(spec.status) || spec.status < 400 || spec.status > 599)) problems.push('"status" must be a whole number from 400 to 599');
    if (spec.latencyMs !== undefined && (typeof spec.latencyMs !== 'number' || spec.latencyMs < 0 || spec.latencyMs > 60_000)) problems.push('"latencyMs" must be 0 to 60000');
    if (spec.status === undefined && spec.latencyMs === undefined) problems.push('give "status" or "latencyMs"');
    if (spec.count !== undefined && (!Number.isInteger(spec.count) || spec.count < 1)) problems.push('"count" must be a whole number of at least 1');
  }
  if (problems.length > 0) throw new ApiError(400, `Invalid fault: ${problems.join('; ')}`);
  return spec as FaultSpec;
}

async function fixturesFrom(body: Record<string, unknown>, host: MockHost): Promise<FixtureSet> {
  if (body['seed'] === true) return loadSeedFixtures();
  if (typeof body['generate'] === 'number') {
    const count = body['generate'];
    if (!Number.isInteger(count) || count < 1 || count > 2_000_000) throw new ApiError(400, 'Invalid generate: expected a whole number from 1 to 2000000');
    const { generateFixtures } = await import('../../fixtures/generate.js');
    return generateFixtures({ count, seed: typeof body['randomSeed'] === 'number' ? body['randomSeed'] : undefined });
  }
  if (typeof body['file'] === 'string') return readFixtureFile(body['file'], host);
  if (body['fixtures'] && typeof body['fixtures'] === 'object') return body['fixtures'] as FixtureSet;
  throw new ApiError(400, 'Invalid body: send {"seed": true}, {"generate": N, "randomSeed"?: n}, {"file": "<path>"} or {"fixtures": {...}}');
}

export async function readFixtureFile(path: string, host: MockHost): Promise<FixtureSet> {
  if (!host.readTextFile) throw new ApiError(400, `Cannot read fixtures file ${path}: this mock runs without files (in a browser or MSW); send {"fixtures": {...}}`);
  let text: string;
  try {
    text = await host.readTextFile(path);
  } catch (error) {
    throw new ApiError(400, `Cannot read fixtures file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (isRecording(text)) {
    try {
      return fixturesFromRecording(text);
    } catch (error) {
      throw new ApiError(400, `Recording ${path}: ${(error as Error).message}`);
    }
  }
  try {
    return JSON.parse(text) as FixtureSet;
  } catch (error) {
    throw new ApiError(400, `Fixtures file ${path} is not valid JSON: ${(error as Error).message}`);
  }
}

export function defaultTenant(runtime: MockRuntime): string {
  return runtime.options.tokens ? ([...runtime.options.tokens][0] ?? DEFAULT_TENANT) : DEFAULT_TENANT;
}

function baseUrlOf(runtime: MockRuntime, c: Context): string {
  return runtime.options.publicUrl ?? new URL(c.req.url).origin;
}
