// A typed client for the control API, for tests that drive a mock (over HTTP or in-process).
import type { FixtureSet } from '../../fixtures/types.js';
import type { Snapshot } from './snapshot.js';
import type { Fault, FaultSpec, JournalEntry } from './state.js';
import type { TenantContents, TenantSummary } from './tenants.js';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response> | Response;

export interface ClockState {
  now: number;
  iso: string;
  frozen: boolean;
  offsetMs: number;
}

export interface MockConfig {
  profile: Record<string, unknown>;
  tokens: 'any' | number;
  activationDelayMs: number | 'never';
  jobDurationMs: number | 'never';
  publicUrl: string | null;
  limits: Record<string, number>;
}

export interface AgentMove {
  _id: string;
  _etag: string;
  status: { state: string; [field: string]: unknown };
}

export interface JobMove {
  _id: string;
  _etag: string;
  state: string;
}

export type FixturesRequest =
  | { seed: true; tenant?: string }
  | { generate: number; randomSeed?: number; tenant?: string }
  | { file: string; tenant?: string }
  | { fixtures: FixtureSet; tenant?: string };

export class MockControlClient {
  readonly #base: string;

  /** `baseUrl` is the mock's root (e.g. `http://127.0.0.1:4010`); `fetchImpl` may be `app.request` for in-process use. */
  constructor(
    baseUrl: string,
    // Wrapped: a browser's fetch refuses to be called as a method of another object ("Illegal invocation").
    private readonly fetchImpl: FetchLike = (input, init) => fetch(input, init),
  ) {
    this.#base = `${baseUrl.replace(/\/+$/, '')}/__mock`;
  }

  /** How the mock was started: profile, whether it takes any token (`tokens: 'any'`) or how many, limits. */
  config(): Promise<MockConfig> {
    return this.#call('GET', '/config');
  }

  /** Every tenant seen so far, with how many documents of each resource it holds. */
  tenants(): Promise<TenantSummary[]> {
    return this.#call<{ tenants: TenantSummary[] }>('GET', '/tenants').then((body) => body.tenants);
  }

  /** One tenant's documents, the `limit` (default 50) most recently updated of each resource. */
  tenant(tenant: string, limit?: number): Promise<TenantContents> {
    const query = limit === undefined ? '' : `?limit=${limit}`;
    return this.#call('GET', `/tenants/${encodeURIComponent(tenant)}${query}`);
  }

  reset(): Promise<void> {
    return this.#call('POST', '/reset').then(() => undefined);
  }

  loadFixtures(request: FixturesRequest): Promise<{ tenant: string; loaded: number }> {
    return this.#call('POST', '/fixtures', request);
  }

  exportState(): Promise<Snapshot> {
    return this.#call('GET', '/state');
  }

  importState(snapshot: Snapshot): Promise<void> {
    return this.#call('PUT', '/state', snapshot).then(() => undefined);
  }

  clock(): Promise<ClockState> {
    return this.#call('GET', '/clock');
  }

  advanceClock(ms: number): Promise<ClockState> {
    return this.#call('POST', '/clock/advance', { ms });
  }

  setClock(time: string | number): Promise<ClockState> {
    return this.#call('POST', '/clock/set', { time });
  }

  freezeClock(): Promise<ClockState> {
    return this.#call('POST', '/clock/freeze');
  }

  unfreezeClock(): Promise<ClockState> {
    return this.#call('POST', '/clock/unfreeze');
  }

  connectAgent(clusterId: string): Promise<AgentMove> {
    return this.#call('POST', `/clusters/${encodeURIComponent(clusterId)}/connect`);
  }

  disconnectAgent(clusterId: string): Promise<AgentMove> {
    return this.#call('POST', `/clusters/${encodeURIComponent(clusterId)}/disconnect`);
  }

  setState(clusterId: string, state: string): Promise<AgentMove> {
    return this.#call('POST', `/clusters/${encodeURIComponent(clusterId)}/state`, { state });
  }

  /** Ends a job now: COMPLETED (default), PARTIAL, FAILED, CANCELLED or SKIPPED; its definition's status follows. */
  finishJob(jobId: string, state = 'COMPLETED'): Promise<JobMove> {
    return this.#call('POST', `/jobs/${encodeURIComponent(jobId)}/finish`, { state });
  }

  /** Keeps a job RUNNING until `finishJob`. */
  holdJob(jobId: string): Promise<JobMove> {
    return this.#call('POST', `/jobs/${encodeURIComponent(jobId)}/hold`);
  }

  journal(limit?: number): Promise<JournalEntry[]> {
    const query = limit === undefined ? '' : `?limit=${limit}`;
    return this.#call<{ entries: JournalEntry[] }>('GET', `/journal${query}`).then((body) => body.entries);
  }

  clearJournal(): Promise<void> {
    return this.#call('DELETE', '/journal').then(() => undefined);
  }

  faults(): Promise<Fault[]> {
    return this.#call<{ faults: Fault[] }>('GET', '/faults').then((body) => body.faults);
  }

  addFault(spec: FaultSpec): Promise<Fault> {
    return this.#call<{ fault: Fault }>('POST', '/faults', spec).then((body) => body.fault);
  }

  clearFaults(): Promise<void> {
    return this.#call('DELETE', '/faults').then(() => undefined);
  }

  async #call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const init: RequestInit = { method, headers: body === undefined ? {} : { 'Content-Type': 'application/json' } };
    if (body !== undefined) init.body = JSON.stringify(body);
    const response = await this.fetchImpl(`${this.#base}${path}`, init);
    const text = await response.text();
    if (!response.ok) throw new Error(`control API ${method} ${path} answered ${response.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}
