// Drives clusters through their states: agent URL at creation, manifest → PENDING, delay → ACTIVE (on the
// shared timeline), control moves.
import { ApiError } from '../http/errors.js';
import type { Clock } from '../store/clock.js';
import { fieldsOf } from '../store/document.js';
import type { Fields, StoredDoc } from '../store/document.js';
import type { Located, Store, StoreObserver, Written } from '../store/store.js';
import { agentUrlMaker, clusterIdOfToken, isAgentPath, parseAgentPath, tokenNamesCluster } from './agent-url.js';
import { renderAgentManifest } from './manifest.js';
import { clusterMachine, nextStatus } from './state-machine.js';
import type { ClusterState, ClusterStatus } from './state-machine.js';
import type { Delay, Timeline } from './timeline.js';

export interface LifecycleOptions {
  /** From manifest fetch to ACTIVE; `'never'`: only the control API activates. */
  activationDelayMs: Delay;
}

const NO_SUCH_AGENT = 'No cluster has this agent URL; copy status.agentURL from the cluster';

export class ClusterLifecycle implements StoreObserver {
  /**
   * `agentId/token` → cluster id, for the agent URLs that do not name their cluster (loaded from a
   * fixture or a state file); those made here name it in their token and are not filed.
   */
  readonly #agents = new Map<string, string>();
  readonly #newAgentUrl = agentUrlMaker((size) => crypto.getRandomValues(new Uint8Array(size)));

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly timeline: Timeline,
    options: LifecycleOptions,
  ) {
    store.observe(this);
    timeline.follow<ClusterState>({
      resource: 'kubeclusters',
      machine: clusterMachine,
      stateOf: (doc) => statusOf(doc).state,
      delayOf: () => options.activationDelayMs,
      move: (cluster, to, at) => this.#write(cluster, to, at),
    });
  }

  /** The server-owned fields of a new cluster: REGISTERED, with the URL of its own agent manifest. */
  initialFields(clusterId: string, baseUrl: string): Fields {
    const status: ClusterStatus = { state: 'REGISTERED', agentURL: this.agentUrlFor(clusterId, baseUrl) };
    return { status };
  }

  /** A new agent URL for cluster `clusterId`, its token naming the cluster. */
  agentUrlFor(clusterId: string, baseUrl: string): string {
    return this.#newAgentUrl(baseUrl, clusterId);
  }

  /** What `kubectl apply -f <agentURL>` fetches; applying it moves the cluster on toward ACTIVE. */
  applyManifest(pathname: string): Promise<string> {
    const cluster = this.#clusterByAgentPath(pathname);
    const state = statusOf(cluster.doc).state;
    if (state === 'REGISTERED' || state === 'INACTIVE') this.#pend(cluster);
    return this.#manifest(this.store.locate(cluster.doc._id) ?? cluster);
  }

  /** A control-API move (connect, disconnect, or any allowed state), refused when the machine forbids it. */
  moveTo(id: string, to: string): StoredDoc {
    this.timeline.settle();
    const cluster = this.store.locate(id);
    if (!cluster || cluster.resource !== 'kubeclusters') throw new ApiError(404, `No cluster with _id ${id}`);
    clusterMachine.assertMove(statusOf(cluster.doc).state, to);
    if (to === 'PENDING') return this.#pend(cluster);
    return this.#write(cluster, to as ClusterState, this.clock.now());
  }

  written({ resource, doc, previous }: Written): void {
    if (resource !== 'kubeclusters') return;
    const agentURL = statusOf(doc).agentURL;
    // Most writes (a client's PATCH, a state move) keep the cluster's agent URL: its entry stands.
    if (previous && statusOf(previous).agentURL === agentURL) return;
    if (previous) this.#forgetAgent(previous);
    if (namesItsCluster(agentURL, doc._id)) return;
    const key = agentKeyOfUrl(agentURL);
    if (key) this.#agents.set(key, doc._id);
  }

  removed({ resource, doc }: Located): void {
    if (resource === 'kubeclusters') this.#forgetAgent(doc);
  }

  /** Drops the entry of `doc`'s agent URL, unless another cluster holds that URL now. */
  #forgetAgent(doc: StoredDoc): void {
    const agentURL = statusOf(doc).agentURL;
    if (namesItsCluster(agentURL, doc._id)) return;
    const key = agentKeyOfUrl(agentURL);
    if (key && this.#agents.get(key) === doc._id) this.#agents.delete(key);
  }

  cleared(): void {
    this.#agents.clear();
  }

  #pend(cluster: Located): StoredDoc {
    const doc = this.#write(cluster, 'PENDING', this.clock.now());
    this.timeline.settle();
    return this.store.locate(doc._id)?.doc ?? doc;
  }

  #write(cluster: Located, to: ClusterState, at: number): StoredDoc {
    const status = nextStatus(statusOf(cluster.doc), to, { clusterId: cluster.doc._id, now: at });
    const fields = { ...fieldsOf(cluster.doc), status };
    return this.store.write(cluster.tenant, 'kubeclusters', cluster.doc._id, fields, { created: cluster.doc._created, updated: at });
  }

  /** The cluster whose current agent URL has this path: the one its token names, else the one filed for it. */
  #clusterByAgentPath(pathname: string): Located {
    const key = agentKeyOfPath(pathname);
    if (!key) throw new ApiError(404, NO_SUCH_AGENT);
    const named = clusterIdOfToken(key.slice(AGENT_ID_LENGTH + 1));
    const cluster = named ? this.store.locate(named) : undefined;
    if (cluster?.resource === 'kubeclusters' && agentKeyOfUrl(statusOf(cluster.doc).agentURL) === key) return cluster;
    const filed = this.#agents.get(key);
    const found = filed ? this.store.locate(filed) : undefined;
    if (!found) throw new ApiError(404, NO_SUCH_AGENT);
    return found;
  }

  #manifest({ doc }: Located): Promise<string> {
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

const AGENT_PREFIX = '/kubeclusteragents/';
/** `agent-xxxxx`: a key is this, a slash, then the token. */
const AGENT_ID_LENGTH = 'agent-xxxxx'.length;

/** Whether an agent URL's token names cluster `id` (a URL made here for it), read without parsing the URL. */
function namesItsCluster(url: string | undefined, id: string): boolean {
  const start = url?.indexOf(AGENT_PREFIX) ?? -1;
  return url !== undefined && start >= 0 && tokenNamesCluster(url, id, start + AGENT_PREFIX.length + AGENT_ID_LENGTH + 1);
}

/**
 * The agent directory's key (`agent-xxxxx/<token>`) of an agent manifest path, or undefined when it
 * is not one. A slice of the string given: the directory holds no copy of each cluster's URL.
 */
function agentKeyOfPath(path: string): string | undefined {
  return isAgentPath(path) ? path.slice(AGENT_PREFIX.length, -'.yaml'.length) : undefined;
}

/** `agentKeyOfPath` of an agent URL's path, read without a full URL parse (this runs for every cluster written). */
function agentKeyOfUrl(url: string | undefined): string | undefined {
  const start = url?.indexOf(AGENT_PREFIX) ?? -1;
  return url && start >= 0 ? agentKeyOfPath(url.slice(start)) : undefined;
}

export function statusOf(doc: StoredDoc): ClusterStatus {
  return (doc['status'] ?? { state: 'REGISTERED' }) as ClusterStatus;
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
