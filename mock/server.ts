// startMockServer: the mock on a real port (for other people's tests and the CLI), with a control client.
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import type { FixtureSet } from '../fixtures/types.js';
import { createMock } from './app.js';
import type { MockRuntime } from './app.js';
import { MockControlClient } from './control/client.js';
import { defaultTenant } from './control/routes.js';
import { loadFixtures } from './control/snapshot.js';
import type { MockOptions } from './options.js';

export interface StartOptions extends MockOptions {
  /** 0 picks a free port. Default 4010. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Data to load at start, into `fixturesTenant` (default: the first token, or `demo`). */
  fixtures?: FixtureSet;
  fixturesTenant?: string;
}

export interface RunningMock {
  /** The server's root, e.g. `http://127.0.0.1:4010`; the API is under `${url}/api/v1`. */
  url: string;
  control: MockControlClient;
  runtime: MockRuntime;
  close(): Promise<void>;
}

export const DEFAULT_PORT = 4010;
export const DEFAULT_HOST = '127.0.0.1';

export async function startMockServer(options: StartOptions = {}): Promise<RunningMock> {
  const { app, runtime, stateFile } = createMock(options);
  const server = createAdaptorServer({ fetch: app.fetch });
  const host = options.host ?? DEFAULT_HOST;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(describeListenError(error, host, options.port ?? DEFAULT_PORT)));
    server.listen(options.port ?? DEFAULT_PORT, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  if (options.fixtures && !stateFile?.loaded) {
    const tenant = options.fixturesTenant ?? defaultTenant(runtime);
    loadFixtures({ ...runtime, tenant, fixtures: options.fixtures, baseUrl: runtime.options.publicUrl ?? url });
  }
  stateFile?.saveIfChanged();
  return {
    url,
    control: new MockControlClient(url),
    runtime,
    close: () =>
      new Promise<void>((resolve, reject) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

export function describeListenError(error: NodeJS.ErrnoException, host: string, port: number): Error {
  if (error.code === 'EADDRINUSE') return new Error(`Port ${port} on ${host} is already in use; pick another with --port`);
  if (error.code === 'EACCES') return new Error(`Not allowed to listen on ${host}:${port}; pick a port above 1023 with --port`);
  if (error.code === 'EADDRNOTAVAIL') return new Error(`Cannot listen on ${host}: no such address on this machine`);
  return error;
}
