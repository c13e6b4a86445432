// The state machines of the timed progressions (a cluster's agent, a job): which states exist, which
// moves between them are allowed, and which move a state makes by itself once its delay is over.
import { ApiError } from '../http/errors.js';
import { httpDate } from '../store/http-date.js';
import { sha1Bytes } from '../store/sha1.js';

export class StateMachine<S extends string> {
  readonly states: readonly S[];

  constructor(
    /** What moves, as messages name it: `cluster`, `job`. */
    readonly subject: string,
    private readonly moves: Readonly<Record<S, readonly S[]>>,
    /** The move a state makes by itself after its delay (PENDING → ACTIVE; RUNNING → CATALOG → COMPLETED). */
    private readonly timed: Readonly<Partial<Record<S, S>>> = {} as Partial<Record<S, S>>,
  ) {
    this.states = Object.keys(moves) as S[];
  }

  isState(value: string): value is S {
    return (this.states as readonly string[]).includes(value);
  }

  canMove(from: S, to: S): boolean {
    return this.moves[from].includes(to);
  }

  /** 400 for a state that does not exist, 409 for a move the machine forbids. */
  assertMove(from: S, to: string): asserts to is S {
    if (!this.isState(to)) throw new ApiError(400, `Unknown ${this.subject} state "${to}"; expected one of ${this.states.join(', ')}`);
    if (!this.canMove(from, to)) {
      const allowed = this.moves[from].filter((state) => state !== from).join(', ') || 'none (it has ended)';
      throw new ApiError(409, `Cannot move ${this.subject} from ${from} to ${to}; allowed from ${from}: ${allowed}`);
    }
  }

  /** Where `from` moves by itself once its delay is over, if anywhere. */
  timedMove(from: S): S | undefined {
    return this.timed[from];
  }
}

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
 * REGISTERED → PENDING when the manifest is fetched, PENDING → ACTIVE when the agent reports in (by
 * itself, after the activation delay), ACTIVE ↔ INACTIVE as it disconnects and reconnects. Tests may
 * skip PENDING (REGISTERED → ACTIVE) and re-apply a manifest to an INACTIVE cluster; a state may also
 * be re-entered (a reconnect).
 */
export const clusterMachine: StateMachine<ClusterState> = new StateMachine<ClusterState>(
  'cluster',
  {
    REGISTERED: ['REGISTERED', 'PENDING', 'ACTIVE'],
    PENDING: ['PENDING', 'ACTIVE', 'REGISTERED'],
    ACTIVE: ['ACTIVE', 'INACTIVE'],
    INACTIVE: ['INACTIVE', 'ACTIVE', 'PENDING'],
  },
  { PENDING: 'ACTIVE' },
);

export function isClusterState(value: string): value is ClusterState {
  return clusterMachine.isState(value);
}

export function canTransition(from: ClusterState, to: ClusterState): boolean {
  return clusterMachine.canMove(from, to);
}

export function assertTransition(from: ClusterState, to: string): asserts to is ClusterState {
  clusterMachine.assertMove(from, to);
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
  const hash = sha1Bytes(clusterId);
  const minor = 27 + ((hash[0] ?? 0) % 5);
  const patch = (hash[1] ?? 0) % 12;
  return { kubernetesVersion: `v1.${minor}.${patch}`, agentVersion: MOCK_AGENT_VERSION, nodeCount: 1 + ((hash[2] ?? 0) % 12) };
}

export const jobStates = ['RUNNING', 'CATALOG', 'COMPLETED', 'PARTIAL', 'FAILED', 'CANCELLED', 'SKIPPED'] as const;
export type JobState = (typeof jobStates)[number];

/** The states a job ends in; clients stop polling at COMPLETED, SKIPPED, PARTIAL and CANCELLED (a FAILED job they wait out). */
export const endedJobStates = ['COMPLETED', 'PARTIAL', 'FAILED', 'CANCELLED', 'SKIPPED'] as const satisfies readonly JobState[];

/**
 * RUNNING → CATALOG → COMPLETED by itself (the job's duration); the control API may end it in any
 * ended state from RUNNING or CATALOG, or hold it RUNNING. An ended job never moves again.
 */
export const jobMachine: StateMachine<JobState> = new StateMachine<JobState>(
  'job',
  {
    RUNNING: ['RUNNING', 'CATALOG', ...endedJobStates],
    CATALOG: ['CATALOG', 'RUNNING', ...endedJobStates],
    COMPLETED: [],
    PARTIAL: [],
    FAILED: [],
    CANCELLED: [],
    SKIPPED: [],
  },
  { RUNNING: 'CATALOG', CATALOG: 'COMPLETED' },
);

export type EndedJobState = (typeof endedJobStates)[number];

export function isEndedJobState(state: string): state is EndedJobState {
  return (endedJobStates as readonly string[]).includes(state);
}
