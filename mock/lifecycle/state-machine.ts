// The one place that knows which cluster states exist and which moves between them are allowed.
import { createHash } from 'node:crypto';
import { ApiError } from '../http/errors.js';
import { httpDate } from '../store/http-date.js';

export const clusterStates = ['REGISTERED', 'PENDING', 'ACTIVE', 'INACTIVE'] as const;
export type ClusterState = (typeof clusterStates)[number];

export interface ClusterStatus {
  state: ClusterState;
  agentURL?: string;
  kubernetesVersion?: string;
  agentVersion?: string;
  nodeCount?: number;
  lastSeen?: string;
}

/**
 * REGISTERED → PENDING when the manifest is fetched, PENDING → ACTIVE when the agent reports in,
 * ACTIVE ↔ INACTIVE as it disconnects and reconnects. Tests may skip PENDING (REGISTERED → ACTIVE)
 * and re-apply a manifest to an INACTIVE cluster; a state may also be re-entered (a reconnect).
 */
const allowedMoves: Record<ClusterState, readonly ClusterState[]> = {
  REGISTERED: ['REGISTERED', 'PENDING', 'ACTIVE'],
  PENDING: ['PENDING', 'ACTIVE', 'REGISTERED'],
  ACTIVE: ['ACTIVE', 'INACTIVE'],
  INACTIVE: ['INACTIVE', 'ACTIVE', 'PENDING'],
};

export function isClusterState(value: string): value is ClusterState {
  return (clusterStates as readonly string[]).includes(value);
}

export function canTransition(from: ClusterState, to: ClusterState): boolean {
  return allowedMoves[from].includes(to);
}

export function assertTransition(from: ClusterState, to: string): asserts to is ClusterState {
  if (!isClusterState(to)) throw new ApiError(400, `Unknown cluster state "${to}"; expected one of ${clusterStates.join(', ')}`);
  if (!canTransition(from, to)) {
    const allowed = allowedMoves[from].filter((state) => state !== from).join(', ');
    throw new ApiError(409, `Cannot move cluster from ${from} to ${to}; allowed from ${from}: ${allowed}`);
  }
}

export const MOCK_AGENT_VERSION = '3.4.1';

/** The status after a move. Agent details are derived from the cluster id, so they are stable across runs. */
export function nextStatus(current: ClusterStatus, to: ClusterState, at: { clusterId: string; now: number }): ClusterStatus {
  const base: ClusterStatus = { state: to, ...(current.agentURL === undefined ? {} : { agentURL: current.agentURL }) };
  if (to === 'REGISTERED' || to === 'PENDING') return base;
  const details = agentDetails(at.clusterId);
  const lastSeen = to === 'ACTIVE' ? httpDate(at.now) : (current.lastSeen ?? httpDate(at.now));
  return { ...base, ...details, lastSeen };
}

function agentDetails(clusterId: string): Pick<ClusterStatus, 'kubernetesVersion' | 'agentVersion' | 'nodeCount'> {
  const hash = createHash('sha1').update(clusterId).digest();
  const minor = 27 + ((hash[0] ?? 0) % 5);
  const patch = (hash[1] ?? 0) % 12;
  return { kubernetesVersion: `v1.${minor}.${patch}`, agentVersion: MOCK_AGENT_VERSION, nodeCount: 1 + ((hash[2] ?? 0) % 12) };
}
