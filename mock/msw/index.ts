// The mock as MSW request handlers: every request under `baseUrl` goes to the core's `app.fetch`, in
// Node tests (`setupServer`) without a port and in a browser (`setupWorker`) without a server.
import { http } from 'msw';
import type { HttpHandler } from 'msw';
import type { Hono } from 'hono';
import { createMock } from '../app.js';
import { MockControlClient } from '../control/client.js';
import type { FetchLike } from '../control/client.js';
import type { MockOptions } from '../options.js';
import type { MockRuntime } from '../runtime.js';

export const DEFAULT_BASE_URL = 'https://api.cloudcasa.io';

export interface MswMockOptions extends Omit<MockOptions, 'statePath'> {
  /** The root the handlers answer under (the API at `${baseUrl}/api/v1`). Default `https://api.cloudcasa.io`. */
  baseUrl?: string;
}

export interface MswMock {
  /** Pass to `setupServer(...handlers)` or `setupWorker(...handlers)`. */
  handlers: HttpHandler[];
  /** The control API (clock, agents, jobs, faults, fixtures, journal, state), called in-process. */
  control: MockControlClient;
  /** Empties the data and the journal, clears the faults (the clock is left as it is). */
  reset(): Promise<void>;
  /** The mock's own `fetch`: a Request in, its answer out, without MSW. */
  fetch: FetchLike;
  app: Hono;
  runtime: MockRuntime;
}

export function createMswMock(options: MswMockOptions = {}): MswMock {
  const { baseUrl = DEFAULT_BASE_URL, ...mockOptions } = options;
  const root = baseUrl.replace(/\/+$/, '');
  const { app, runtime } = createMock(mockOptions);
  const answer = (request: Request) => app.fetch(request);
  const fetchInProcess: FetchLike = (input, init) => app.fetch(new Request(input, init));
  const control = new MockControlClient(root, fetchInProcess);
  return {
    handlers: [http.all(root, ({ request }) => answer(request)), http.all(`${root}/*`, ({ request }) => answer(request))],
    control,
    reset: () => control.reset(),
    fetch: fetchInProcess,
    app,
    runtime,
  };
}
