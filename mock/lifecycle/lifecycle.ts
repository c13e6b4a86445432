// Drives clusters through their states: agent URL at creation, manifest → PENDING, delay → ACTIVE, control moves.
import { randomBytes } from 'node:crypto';
import { ApiError } from '../http/errors.js';
import type { Clock } from '../store/clock.js';
import { fieldsOf } from '../store/document.js';
import type { Fields, StoredDoc } from '../store/document.js';
import type { Located, Store, StoreObserver } from '../store/store.js';
import { agentUrl, makeAgentCredentials, parseAgentPath, pooledRandomBytes } from './agent-url.js';
import { renderAgentManifest } from './manifest.js';
import { assertTransition, nextStatus } from './state-machine.js';
import type { ClusterState, ClusterStatus } from './state-machine.js';

export interface LifecycleOptions {
  /** From manifest fetch to ACTIVE; `'never'`: only the control API activates. */
  activationDelayMs: number | 'never';
}

export interface Activation {
  id: string;
  due: number;
}

const NO_SUCH_AGENT = 'No cluster has this agent URL; copy status.agentURL from the cluster';

export class ClusterLifecycle implements StoreObserver {
  /** `agentId/token` → cluster id. */
  readonly #agents = new Map<string, string>();
  /** Cluster id → when its PENDING agent becomes ACTIVE. */
  readonly #due = new Map<string, number>();
  #nextDue = Number.POSITIVE_INFINITY;
  readonly #randomBytes = pooledRandomBytes((size) => randomBytes(size));

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly options: LifecycleOptions,
  ) {
    store.observe(this);
  }

  /** The server-owned fields of a new cluster: REGISTERED, with the URL of its own agent manifest. */
  initialFields(baseUrl: string): Fields {
    const credentials = makeAgentCredentials(this.#randomBytes);
    const status: ClusterStatus = { state: 'REGISTERED', agentURL: agentUrl(baseUrl, credentials) };
    return { status };
  }

  /** What `kubectl apply -f <agentURL>` fetches; applying it moves the cluster on toward ACTIVE. */
  applyManifest(pathname: string): string {
    const cluster = this.#clusterByAgentPath(pathname);
    const state = statusOf(cluster.doc).state;
    if (state === 'REGISTERED' || state === 'INACTIVE') this.#pend(cluster);
    return this.#manifest(this.store.locate(cluster.doc._id) ?? cluster);
  }

  /** Applies every activation that is due by now on the mock's clock. Cheap when none is. */
  settle(): void {
    const now = this.clock.now();
    if (now < this.#nextDue) return;
    for (const [id, due] of [...this.#due].sort((a, b) => a[1] - b[1])) {
      if (due > now) break;
      const cluster = this.store.locate(id);
      this.#due.delete(id);
      if (cluster && statusOf(cluster.doc).state === 'PENDING') this.#write(cluster, 'ACTIVE', due);
    }
    this.#nextDue = Number.POSITIVE_INFINITY;
    for (const due of this.#due.values()) this.#nextDue = Math.min(this.#nextDue, due);
  }

  /** A control-API move (connect, disconnect, or any allowed state), refused when the machine forbids it. */
  moveTo(id: string, to: string): StoredDoc {
    this.settle();
    const cluster = this.store.locate(id);
    if (!cluster || cluster.resource !== 'kubeclusters') throw new ApiError(404, `No cluster with _id ${id}`);
    assertTransition(statusOf(cluster.doc).state, to);
    if (to === 'PENDING') return this.#pend(cluster);
    return this.#write(cluster, to as ClusterState, this.clock.now());
  }

  activations(): Activation[] {
    return [...this.#due].map(([id, due]) => ({ id, due }));
  }

  restoreActivations(activations: readonly Activation[]): void {
    for (const { id, due } of activations) this.#schedule(id, due);
  }

  written({ resource, doc }: Located): void {
    if (resource !== 'kubeclusters') return;
    const status = statusOf(doc);
    const path = agentPathOf(status.agentURL);
    if (path) this.#agents.set(`${path.agentId}/${path.token}`, doc._id);
    if (status.state !== 'PENDING') this.#due.delete(doc._id);
    else if (!this.#due.has(doc._id) && this.options.activationDelayMs !== 'never') {
      this.#schedule(doc._id, this.clock.now() + this.options.activationDelayMs);
    }
  }

  removed({ resource, doc }: Located): void {
    if (resource !== 'kubeclusters') return;
    this.#due.delete(doc._id);
    const path = agentPathOf(statusOf(doc).agentURL);
    if (path) this.#agents.delete(`${path.agentId}/${path.token}`);
  }

  cleared(): void {
    this.#agents.clear();
    this.#due.clear();
    this.#nextDue = Number.POSITIVE_INFINITY;
  }

  #pend(cluster: Located): StoredDoc {
    const doc = this.#write(cluster, 'PENDING', this.clock.now());
    this.settle();
    return this.store.locate(doc._id)?.doc ?? doc;
  }

  #schedule(id: string, due: number): void {
    this.#due.set(id, due);
    this.#nextDue = Math.min(this.#nextDue, due);
  }

  #write(cluster: Located, to: ClusterState, at: number): StoredDoc {
    const status = nextStatus(statusOf(cluster.doc), to, { clusterId: cluster.doc._id, now: at });
    const fields = { ...fieldsOf(cluster.doc), status };
    return this.store.write(cluster.tenant, 'kubeclusters', cluster.doc._id, fields, { created: cluster.doc._created, updated: at });
  }

  #clusterByAgentPath(pathname: string): Located {
    const path = parseAgentPath(pathname);
    const id = path && this.#agents.get(`${path.agentId}/${path.token}`);
    const cluster = id ? this.store.locate(id) : undefined;
    if (!cluster) throw new ApiError(404, NO_SUCH_AGENT);
    return cluster;
  }

  #manifest({ doc }: Located): string {
    const status = statusOf(doc);
    const path = parseAgentPath(new URL(status.agentURL as string).pathname) as { agentId: string; token: string };
    return renderAgentManifest({
      clusterId: doc._id,
      clusterName: String(doc['name']),
      agentId: path.agentId,
      token: path.token,
      serverUrl: new URL(status.agentURL as string).origin,
      imagePullSecretName: optionalString(doc['image_pull_secret_name']),
      containerRegistry: optionalString(doc['container_registry']),
      kubeletPodsDir: optionalString(doc['kublet_pods_dir']),
    });
  }
}

/** The credentials in an agent URL, read without a full URL parse (this runs for every cluster loaded). */
function agentPathOf(url: string | undefined): ReturnType<typeof parseAgentPath> {
  const start = url?.indexOf('/kubeclusteragents/') ?? -1;
  return url && start >= 0 ? parseAgentPath(url.slice(start)) : undefined;
}

export function statusOf(doc: StoredDoc): ClusterStatus {
  return (doc['status'] ?? { state: 'REGISTERED' }) as ClusterStatus;
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
