// startMockServer: the mock on a real port (for other people's tests and the CLI), with a control client.
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import type { GenerateOptions } from '../../fixtures/generate.js';
import type { FixtureSet } from '../../fixtures/types.js';
import { createMock } from './mock.js';
import type { MockRuntime } from '../runtime.js';
import { MockControlClient } from '../control/client.js';
import { defaultTenant } from '../control/routes.js';
import { loadFixtures, loadGenerated } from '../control/snapshot.js';
import type { MockOptions } from '../options.js';

export interface StartOptions extends MockOptions {
  /** 0 picks a free port. Default 4010. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Data to load at start, into `fixturesTenant` (default: the first token, or `demo`). */
  fixtures?: FixtureSet;
  /** Clusters (with object stores and backups) generated at start, loaded as they are made; into `fixturesTenant` too. */
  generate?: GenerateOptions;
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
  // Loaded on demand (faker costs a quarter of a second), and before listening: nothing is answered until the data is in.
  const generator = options.generate ? await import('../../fixtures/generate.js') : undefined;
  const { app, runtime, stateFile } = createMock(options);
  const server = createAdaptorServer({ fetch: app.fetch });
  const host = options.host ?? DEFAULT_HOST;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(describeListenError(error, host, options.port ?? DEFAULT_PORT)));
    server.listen(options.port ?? DEFAULT_PORT, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  if ((options.fixtures || options.generate) && !stateFile?.loaded) {
    const tenant = options.fixturesTenant ?? defaultTenant(runtime);
    const baseUrl = runtime.options.publicUrl ?? url;
    if (options.fixtures) loadFixtures({ ...runtime, tenant, fixtures: options.fixtures, baseUrl });
    if (generator && options.generate) {
      const docs = generator.generateFixtureDocs(options.generate, (clusterId) => runtime.lifecycle.agentUrlFor(clusterId, baseUrl));
      loadGenerated({ ...runtime, tenant, docs, baseUrl });
    }
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
