// The whole mock state as JSON (export/import, lossless), and loading fixture sets into a tenant.
import type { GeneratedDoc } from '../../fixtures/generate.js';
import type { FixtureDoc, FixtureSet } from '../../fixtures/types.js';
import { ApiError } from '../http/errors.js';
import type { Issues } from '../http/errors.js';
import type { ClusterLifecycle } from '../lifecycle/lifecycle.js';
import type { DueMove, Timeline } from '../lifecycle/timeline.js';
import { domain } from '../resources/domain.js';
import { objectIdPattern } from '../store/ids.js';
import { resourceNames, setOwn } from '../store/document.js';
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

/** Referred-to documents first, so every reference resolves as it is loaded. */
const LOAD_ORDER = ['objectstores', 'policies', 'kubeclusters', 'kubebackups', 'kubeoffloads', 'jobs'] as const satisfies readonly ResourceName[];
/** Fixture keys that are not fields: the store stamps them itself. */
const STAMPED = new Set(['_id', '_created', '_updated', '_etag']);

/**
 * Loads a fixture set into one tenant in bulk: every document is checked first (its dates parsed
 * once), then each is copied once into the object the store keeps; cluster agent URLs are made for `baseUrl`.
 */
export function loadFixtures(args: {
  store: Store;
  lifecycle: ClusterLifecycle;
  validator: DocumentValidator;
  tenant: string;
  fixtures: FixtureSet;
  baseUrl: string;
}): number {
  const { fixtures } = args;
  const dates = checkFixtures(fixtures, args.validator);
  const adopt = fixtureAdopter(args);
  let loaded = 0;
  for (const resource of LOAD_ORDER) {
    const parsed = dates[resource];
    (fixtures[resource] ?? []).forEach((doc, index) => {
      adopt(resource, doc, parsed[2 * index] as number, parsed[2 * index + 1] as number);
      loaded++;
    });
  }
  return loaded;
}

/**
 * Loads generated documents as they are made, each before any that refers to it. The generator's
 * output is checked by its tests, not here, and each document's fields (an object the generator
 * made for it alone) become the stored document as they are: a million clusters load in one pass
 * with the memory of the store alone.
 */
export function loadGenerated(args: { store: Store; lifecycle: ClusterLifecycle; tenant: string; docs: Iterable<GeneratedDoc>; baseUrl: string }): number {
  // Into an empty store, ids unique by construction (the generator's tests check it) cannot belong
  // to another collection: each is stored without asking every collection first.
  const store = fixtureStore(args, { ownIds: args.store.isEmpty() });
  let loaded = 0;
  for (const { resource, id, fields, created, updated } of args.docs) {
    store(resource, id, fields, created, updated);
    loaded++;
  }
  return loaded;
}

/** Stores one fixture (dates already parsed) as its own copy; a cluster without an agent URL gets one made for `baseUrl`. */
function fixtureAdopter(args: { store: Store; lifecycle: ClusterLifecycle; tenant: string; baseUrl: string }): (resource: ResourceName, doc: FixtureDoc, created: number, updated: number) => void {
  const store = fixtureStore(args);
  return (resource, doc, created, updated) => store(resource, doc._id, fieldsOf(doc, STAMPED), created, updated);
}

/** Stores `fields`, the loader's own object, as document `id`; a cluster without an agent URL gets one made for `baseUrl`. */
function fixtureStore(
  args: { store: Store; lifecycle: ClusterLifecycle; tenant: string; baseUrl: string },
  { ownIds = false } = {},
): (resource: ResourceName, id: string, fields: Fields, created: number, updated: number) => void {
  const agentUrl = (clusterId: string) => args.lifecycle.agentUrlFor(clusterId, args.baseUrl);
  const store = (ownIds ? args.store.write : args.store.adopt).bind(args.store);
  return (resource, id, fields, created, updated) => {
    if (resource === 'kubeclusters') withAgentUrl(fields, id, agentUrl);
    store(args.tenant, resource, id, fields, { created, updated }, { lazyEtag: true });
  };
}

/** A fixture's own keys but `left` as a new object (`__proto__` kept an ordinary key). */
function fieldsOf(doc: FixtureDoc, left: ReadonlySet<string>): Fields {
  const fields: Fields = {};
  for (const key of Object.keys(doc)) {
    if (!left.has(key)) setOwn(fields, key, doc[key]);
  }
  return fields;
}

/** A cluster without an agent URL gets one (and REGISTERED when it has no state). */
function withAgentUrl(fields: Fields, id: string, agentUrl: (clusterId: string) => unknown): void {
  const status = (fields['status'] ?? {}) as Record<string, unknown>;
  if (typeof status['agentURL'] === 'string') return;
  fields['status'] = { state: 'REGISTERED', ...status, agentURL: agentUrl(id) };
}

/** Checks every document; answers their dates (epoch ms, `_created` then `_updated`) per resource. */
function checkFixtures(fixtures: FixtureSet, validator: DocumentValidator): Record<ResourceName, Float64Array> {
  const issues: Issues = {};
  const dates = {} as Record<ResourceName, Float64Array>;
  for (const resource of resourceNames) {
    const docs = fixtures[resource] ?? [];
    dates[resource] = new Float64Array(Array.isArray(docs) ? 2 * docs.length : 0);
    if (!Array.isArray(docs)) {
      addIssue(issues, [resource], 'must be of list type');
      continue;
    }
    const owned = new Set([...STAMPED, ...domain[resource].serverOwned]);
    docs.forEach((doc, index) => {
      const report = (path: string[], message: string) => addIssue(issues, [resource, String(index), ...path], message);
      checkFixtureDoc(doc, resource, owned, validator, report, (created, updated) => dates[resource].set([created, updated], 2 * index));
    });
  }
  if (hasIssues(issues)) throw new ApiError(422, 'The fixtures contain errors', { issues });
  return dates;
}

function checkFixtureDoc(
  doc: FixtureDoc,
  resource: ResourceName,
  owned: ReadonlySet<string>,
  validator: DocumentValidator,
  report: (path: string[], message: string) => void,
  dated: (created: number, updated: number) => void,
): void {
  if (!doc || typeof doc !== 'object') return report([], 'must be of dict type');
  if (typeof doc._id !== 'string' || !objectIdPattern.test(doc._id)) report(['_id'], 'must be 24 lower-case hex digits');
  const [created, updated] = (['_created', '_updated'] as const).map((field) => {
    const ms = typeof doc[field] === 'string' ? (parseHttpDate(doc[field]) ?? Date.parse(doc[field])) : Number.NaN;
    if (Number.isNaN(ms)) report([field], 'must be an RFC 1123 date');
    return ms;
  });
  dated(created as number, updated as number);
  // A copy without the server's fields; shallow is enough: the only schema default (kublet_pods_dir) is a top-level field.
  const schemaIssues = validator.check(domain[resource].schema, fieldsOf(doc, owned));
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
