// The mock with what Node adds to the core: fixtures files, the pages' files, the state file, the fast paths.
import { readFile } from 'node:fs/promises';
import type { Hono } from 'hono';
import { createMock as createCoreMock } from '../app.js';
import type { Mock } from '../app.js';
import type { MockOptions } from '../options.js';
import type { MockHost } from '../runtime.js';
import { nodeAssets } from './assets.js';
import { useNodeFastPaths } from './fast-paths.js';
import { StateFile } from './state-file.js';

export interface NodeMock extends Mock {
  /** Set with the `statePath` option. */
  stateFile: StateFile | undefined;
}

export const nodeHost: MockHost = { readTextFile: (path) => readFile(path, 'utf8'), assets: nodeAssets };

export function createMock(options: MockOptions = {}): NodeMock {
  useNodeFastPaths();
  let stateFile: StateFile | undefined;
  const mock = createCoreMock(options, {
    ...nodeHost,
    stages: (runtime) => {
      if (options.statePath === undefined) return [];
      stateFile = new StateFile(options.statePath, runtime);
      stateFile.load();
      return [stateFile.step()];
    },
  });
  return { ...mock, stateFile };
}

export function createMockApp(options: MockOptions = {}): Hono {
  return createMock(options).app;
}
