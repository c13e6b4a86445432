// The whole mock state as JSON (export/import, lossless), and loading fixture sets into a tenant.
import type { FixtureDoc, FixtureSet } from '../../fixtures/types.js';
import { ApiError } from '../http/errors.js';
import type { Issues } from '../http/errors.js';
import type { ClusterLifecycle } from '../lifecycle/lifecycle.js';
import type { DueMove, Timeline } from '../lifecycle/timeline.js';
import { domain } from '../resources/domain.js';
import { objectIdPattern } from '../store/ids.js';
import { resourceNames } from '../store/document.js';
import type { Fields, ResourceName, StoredDoc } from '../store/document.js';
import { httpDate, parseHttpDate } from '../store/http-date.js';
import type { Store } from '../store/store.js';
import { addIssue, hasIssues } from '../validation/issues.js';
import type { DocumentValidator } from '../validation/validator.js';

export const SNAPSHOT_FORMAT = 'kubeclusters-mock-state/1';

export type SnapshotDoc = FixtureDoc & { _etag: string };

export interface Snapshot {
  format: typeof SNAPSHOT_FORMAT;
  tenants: Record<string, Record<ResourceName, SnapshotDoc[]>>;
  /** Clusters waiting for their agent, and when they become ACTIVE (ISO dates). */
  activations: TimedMove[];
  /** Jobs moving on by themselves, and when their next step is due (ISO dates); a held job is not listed. */
  jobSteps?: TimedMove[];
}

type TimedMove = { id: string; due: string };

export function exportState(store: Store, timeline: Timeline): Snapshot {
  const tenants: Snapshot['tenants'] = {};
  for (const { tenant, resource, doc } of store.entries()) {
    const collections = (tenants[tenant] ??= emptyCollections());
    collections[resource].push(toSnapshotDoc(doc));
  }
  const iso = (moves: DueMove[]) => moves.map(({ id, due }) => ({ id, due: new Date(due).toISOString() }));
  return { format: SNAPSHOT_FORMAT, tenants, activations: iso(timeline.pending('kubeclusters')), jobSteps: iso(timeline.pending('jobs')) };
}

/** Replaces the whole state with a snapshot; a malformed one is refused before anything changes. */
export function importState(store: Store, timeline: Timeline, snapshot: unknown): void {
  const checked = checkSnapshot(snapshot);
  store.clear();
  for (const [tenant, collections] of Object.entries(checked.tenants)) {
    for (const resource of resourceNames) {
      for (const doc of collections[resource] ?? []) store.restore(tenant, resource, fromSnapshotDoc(doc));
    }
  }
  const parsed = (moves: readonly TimedMove[] = []) => moves.map(({ id, due }) => ({ id, due: Date.parse(due) }));
  timeline.replace('kubeclusters', parsed(checked.activations));
  timeline.replace('jobs', parsed(checked.jobSteps));
}

function emptyCollections(): Record<ResourceName, SnapshotDoc[]> {
  return Object.fromEntries(resourceNames.map((resource) => [resource, []])) as unknown as Record<ResourceName, SnapshotDoc[]>;
}

/** Loads a fixture set into one tenant: documents are validated, cluster agent URLs made for `baseUrl`. */
export function loadFixtures(args: {
  store: Store;
  lifecycle: ClusterLifecycle;
  validator: DocumentValidator;
  tenant: string;
  fixtures: FixtureSet;
  baseUrl: string;
}): number {
  const { store, tenant, fixtures } = args;
  checkFixtures(fixtures, args.validator);
  let loaded = 0;
  // Referred-to documents first, so every reference resolves as it is loaded.
  for (const resource of ['objectstores', 'policies', 'kubeclusters', 'kubebackups', 'kubeoffloads', 'jobs'] as const satisfies readonly ResourceName[]) {
    for (const doc of fixtures[resource] ?? []) {
      const { _id, _created, _updated, _etag: _ignored, ...fields } = doc as SnapshotDoc;
      const withStatus = resource === 'kubeclusters' ? withAgentUrl(fields, args.lifecycle, args.baseUrl) : fields;
      const dates = { created: parseHttpDate(_created) ?? Date.parse(_created), updated: parseHttpDate(_updated) ?? Date.parse(_updated) };
      store.write(tenant, resource, _id, withStatus, dates);
      loaded++;
    }
  }
  return loaded;
}

function withAgentUrl(fields: Fields, lifecycle: ClusterLifecycle, baseUrl: string): Fields {
  const status = (fields['status'] ?? {}) as Record<string, unknown>;
  if (typeof status['agentURL'] === 'string') return fields;
  const fresh = lifecycle.initialFields(baseUrl)['status'] as Record<string, unknown>;
  return { ...fields, status: { state: 'REGISTERED', ...status, agentURL: fresh['agentURL'] } };
}

function checkFixtures(fixtures: FixtureSet, validator: DocumentValidator): void {
  const issues: Issues = {};
  for (const resource of resourceNames) {
    const docs = fixtures[resource] ?? [];
    if (!Array.isArray(docs)) {
      addIssue(issues, [resource], 'must be of list type');
      continue;
    }
    docs.forEach((doc, index) => checkFixtureDoc(doc, resource, validator, (path, message) => addIssue(issues, [resource, String(index), ...path], message)));
  }
  if (hasIssues(issues)) throw new ApiError(422, 'The fixtures contain errors', { issues });
}

function checkFixtureDoc(doc: FixtureDoc, resource: ResourceName, validator: DocumentValidator, report: (path: string[], message: string) => void): void {
  if (!doc || typeof doc !== 'object') return report([], 'must be of dict type');
  if (typeof doc._id !== 'string' || !objectIdPattern.test(doc._id)) report(['_id'], 'must be 24 lower-case hex digits');
  for (const field of ['_created', '_updated'] as const) {
    if (typeof doc[field] !== 'string' || Number.isNaN(parseHttpDate(doc[field]) ?? Date.parse(doc[field]))) report([field], 'must be an RFC 1123 date');
  }
  const { _id, _created, _updated, _etag, ...fields } = doc as SnapshotDoc;
  for (const owned of domain[resource].serverOwned) delete fields[owned];
  // A shallow copy is enough: the only schema default (kublet_pods_dir) is a top-level field.
  const schemaIssues = validator.check(domain[resource].schema, { ...fields });
  for (const [field, message] of Object.entries(schemaIssues)) report([field], typeof message === 'string' ? message : JSON.stringify(message));
}

export function toSnapshotDoc(doc: StoredDoc): SnapshotDoc {
  const { _created, _updated, ...rest } = doc;
  return { ...rest, _created: httpDate(_created), _updated: httpDate(_updated) } as SnapshotDoc;
}

function fromSnapshotDoc(doc: SnapshotDoc): StoredDoc {
  return { ...doc, _created: parseHttpDate(doc._created) ?? 0, _updated: parseHttpDate(doc._updated) ?? 0 };
}

function checkSnapshot(snapshot: unknown): Snapshot {
  const candidate = snapshot as Partial<Snapshot> | null;
  if (!candidate || typeof candidate !== 'object' || candidate.format !== SNAPSHOT_FORMAT) {
    throw new ApiError(400, `Invalid state: expected an object with "format": "${SNAPSHOT_FORMAT}" as GET /__mock/state exports it`);
  }
  if (!candidate.tenants || typeof candidate.tenants !== 'object') throw new ApiError(400, 'Invalid state: "tenants" must be an object');
  for (const [tenant, collections] of Object.entries(candidate.tenants)) {
    for (const resource of resourceNames) {
      const docs = collections?.[resource] ?? [];
      const bad = !Array.isArray(docs) || docs.some((d) => typeof d?._id !== 'string' || !objectIdPattern.test(d._id) || typeof d._etag !== 'string' || parseHttpDate(d._created) === undefined || parseHttpDate(d._updated) === undefined);
      if (bad) throw new ApiError(400, `Invalid state: tenant "${tenant}" ${resource} must be a list of documents with _id, _etag, _created and _updated`);
    }
  }
  const activations = checkTimedMoves(candidate.activations, 'activations');
  const jobSteps = checkTimedMoves(candidate.jobSteps, 'jobSteps');
  return { format: SNAPSHOT_FORMAT, tenants: candidate.tenants, activations, jobSteps };
}

function checkTimedMoves(moves: unknown, name: string): TimedMove[] {
  const list = moves ?? [];
  if (!Array.isArray(list) || list.some((m: Partial<TimedMove> | null) => typeof m?.id !== 'string' || typeof m.due !== 'string' || Number.isNaN(Date.parse(m.due)))) {
    throw new ApiError(400, `Invalid state: "${name}" must be a list of {id, due} with ISO dates`);
  }
  return list as TimedMove[];
}
