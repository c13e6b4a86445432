// What one mock instance holds, and what a host (Node, MSW) may add to it: a module of its own, so
// that the control API and the pages depend on it and not on the wiring in app.ts.
import type { MockControlState } from './control/state.js';
import type { Stage } from './http/pipeline.js';
import type { JobRunner } from './lifecycle/jobs.js';
import type { ClusterLifecycle } from './lifecycle/lifecycle.js';
import type { Timeline } from './lifecycle/timeline.js';
import type { ResolvedOptions } from './options.js';
import type { ResourceService } from './resources/service.js';
import type { Clock } from './store/clock.js';
import type { ResourceName } from './store/document.js';
import type { Store } from './store/store.js';
import type { PageAssets } from './ui/page-assets.js';
import type { DocumentValidator } from './validation/validator.js';

/** Everything one mock instance holds; the control API and tests reach it through here. */
export interface MockRuntime {
  options: ResolvedOptions;
  clock: Clock;
  store: Store;
  validator: DocumentValidator;
  /** When every timed move (a cluster's activation, a job's steps) is due; settled before each request. */
  timeline: Timeline;
  lifecycle: ClusterLifecycle;
  jobs: JobRunner;
  services: Record<ResourceName, ResourceService>;
  control: MockControlState;
  host: MockHost;
}

/**
 * What only some runtimes can do, handed to `createMock` by the host that has it (mock/node/). The
 * core answers without each: a fixtures file or the state file is refused, and the pages are not served.
 */
export interface MockHost {
  /** Reads the file of `POST /__mock/fixtures {"file": …}`. */
  readTextFile?(path: string): Promise<string>;
  /** The pages' files (landing, docs, dashboard). */
  assets?: PageAssets;
  /** Stages run on every request right after the method override (the state file's save). */
  stages?(runtime: MockRuntime): Stage[];
}
