// Explore's operations on every writable resource, written from the declarations the suite's resource
// checks use (checks/resource-contracts.ts): valid creates, a PATCH of each field a client changes, PUT,
// DELETE, where by name, an unknown field or a wrong type, a repeated name, stale and missing If-Match;
// and the jobs resource's reads and refused writes. No field list is restated here.
import { contractOf } from '../checks/resource-contracts.js';
import type { Refs, WritableResource } from '../checks/resource-contracts.js';
import type { Doc } from '../check.js';
import type { Context } from '../compare/operations.js';
import type { SequenceModel } from '../compare/model.js';
import { collectionPath, draft, ifMatch, itemPath, itemRoute } from '../compare/requests.js';
import type { Precondition } from '../compare/requests.js';
import { API, placeholder, resourceOf } from '../compare/steps.js';
import type { Sym } from '../compare/steps.js';
import { JOB_ID, JOB_NAME } from './steps.js';
import type { ExploreDraft } from './steps.js';

/** The backup definition's cluster, for the copy definitions made from it (which name both). */
const clusterOfBackup = new WeakMap<SequenceModel, Map<Sym, Sym>>();
/** What each document created here refers to: a PUT keeps it, so the delete guards stay as they were. */
const refsOf = new WeakMap<SequenceModel, Map<Sym, Refs>>();

const mapOf = <V>(maps: WeakMap<SequenceModel, Map<Sym, V>>, model: SequenceModel): Map<Sym, V> => {
  const map = maps.get(model) ?? new Map<Sym, V>();
  maps.set(model, map);
  return map;
};

/** Notes the cluster of a backup definition any operation creates (compare's too), for copy definitions. */
export function noteCreated(model: SequenceModel, step: ExploreDraft): void {
  const sym = step.creates?.[0];
  const cluster = /"cluster":"\{\{id ([^}]+)\}\}"/.exec(step.body ?? '')?.[1];
  if (step.method === 'POST' && sym !== undefined && cluster !== undefined && resourceOf(sym) === 'kubebackups') mapOf(clusterOfBackup, model).set(sym, cluster);
}

const turns = new WeakMap<SequenceModel, Map<string, number>>();

/** 0, 1, 2, … per key and sequence: successive writes take each declared field and value in turn. */
function turn(context: Context, key: string): number {
  const counters = turns.get(context.model) ?? new Map<string, number>();
  turns.set(context.model, counters);
  const n = counters.get(key) ?? 0;
  counters.set(key, n + 1);
  return n;
}

const pick = <T>(context: Context, list: readonly T[]): T | undefined => (list.length === 0 ? undefined : context.faker.helpers.arrayElement(list));
const live = (context: Context, resource: WritableResource) => context.model.live('a', resource);
const idOf = (sym: Sym | undefined): Doc | undefined => (sym === undefined ? undefined : { _id: placeholder.id(sym) });

/**
 * What a new document of `resource` refers to, as live documents of tenant a (undefined when one is
 * missing), and the one whose DELETE it blocks (a cluster for a backup definition, a backup definition
 * for a copy definition; a cluster's object store is checked only when written).
 */
function references(context: Context, resource: WritableResource): { refs: Refs; cluster?: Sym; guards?: Sym } | undefined {
  const contract = contractOf(resource);
  const refs: Refs = {};
  let cluster: Sym | undefined;
  let guards: Sym | undefined;
  for (const [label, target] of Object.entries(contract.refersTo)) {
    const sym = pick(context, live(context, target));
    if (sym === undefined && target !== 'objectstores') return undefined;
    if (sym === undefined) continue;
    if (target === 'kubeclusters') cluster = sym;
    if (target !== 'objectstores') guards = sym;
    const backupCluster = target === 'kubebackups' ? clusterOfBackup.get(context.model)?.get(sym) : undefined;
    if (target === 'kubebackups' && backupCluster === undefined) return undefined;
    refs[label] = { ...idOf(sym), ...(backupCluster ? { cluster: placeholder.id(backupCluster) } : {}) };
  }
  return { refs, ...(cluster ? { cluster } : {}), ...(guards ? { guards } : {}) };
}

type CreateKind = 'valid' | 'unknown field' | 'wrong type' | 'repeated name';

function create(context: Context, resource: WritableResource, kind: CreateKind): ExploreDraft | undefined {
  const contract = contractOf(resource);
  const made = references(context, resource);
  if (!made) return undefined;
  const { sym, name } = context.model.next('a', resource);
  const taken = kind === 'repeated name' ? pick(context, live(context, resource)) : undefined;
  if (kind === 'repeated name' && !taken) return undefined;
  const body: Doc = contract.body(taken ? context.model.nameOf(taken) : name, made.refs);
  if (kind === 'unknown field') body['explore_unknown'] = 'x';
  if (kind === 'wrong type') Object.assign(body, contract.wrongType);
  if (kind === 'valid') {
    context.model.created(sym, name, made.guards);
    mapOf(refsOf, context.model).set(sym, made.refs);
  }
  const shape = kind === 'repeated name' ? 'duplicate name' : kind === 'valid' ? 'declared body' : kind;
  return draft('a', 'POST', collectionPath(resource), `${resource}: ${shape}`, resource, { json: body, ...(kind === 'valid' ? { creates: [sym] } : {}) });
}

/** The fields a client changes one at a time (a rename is the name-uniqueness operations' business). */
const changeable = (resource: WritableResource) => Object.keys(contractOf(resource).changes('', {})).filter((key) => key !== 'name');

/** A PATCH of one field a client changes (not the name), to its declared new value or back to the first. */
function patchField(context: Context, resource: WritableResource, precondition: Precondition): ExploreDraft | undefined {
  const sym = pick(context, live(context, resource));
  if (!sym) return undefined;
  const contract = contractOf(resource);
  const name = context.model.nameOf(sym);
  const changes = contract.changes(name, {});
  const fields = changeable(resource);
  // Each field in turn, to its new value, then back to the declared body's on the next round.
  const n = turn(context, `PATCH ${resource}`);
  const field = fields[n % fields.length] as string;
  const source = Math.floor(n / fields.length) % 2 === 0 ? changes : contract.body(name, {});
  const value = source[field] ?? changes[field];
  const what = precondition === 'current' ? field : `${precondition} If-Match`;
  return draft('a', 'PATCH', itemPath(sym), `${itemRoute(sym)}: ${what}`, resource, { json: { [field]: value }, headers: ifMatch(sym, precondition) });
}

/** A PUT of the declared body with every change applied and the optional fields `leftOutOfPut` left out. */
function put(context: Context, resource: WritableResource, precondition: Precondition): ExploreDraft | undefined {
  const sym = pick(context, live(context, resource));
  const refs = sym === undefined ? undefined : mapOf(refsOf, context.model).get(sym);
  if (!sym || !refs) return undefined;
  const made = { refs };
  const contract = contractOf(resource);
  const name = context.model.nameOf(sym);
  // The declared body and every change, in turn: each PUT replaces what the writes before stored.
  const changed = turn(context, `PUT ${resource}`) % 2 === 1;
  const whole: Doc = changed ? { ...contract.body(name, made.refs), ...contract.changes(name, made.refs) } : contract.body(name, made.refs);
  for (const field of contract.leftOutOfPut) delete whole[field];
  const what = precondition === 'current' ? 'declared replacement' : `${precondition} If-Match`;
  return draft('a', 'PUT', itemPath(sym), `${itemRoute(sym)}: ${what}`, resource, { json: whole, headers: ifMatch(sym, precondition) });
}

function remove(context: Context, resource: WritableResource, precondition: Precondition): ExploreDraft | undefined {
  const sym = pick(context, live(context, resource));
  if (!sym) return undefined;
  const guarded = context.model.isGuarded(sym);
  if (precondition === 'current' && !guarded) context.model.deleted(sym);
  const what = precondition === 'current' ? 'current If-Match' : `${precondition} If-Match`;
  return draft('a', 'DELETE', itemPath(sym), `${itemRoute(sym)}: ${what}`, resource, { headers: ifMatch(sym, precondition) });
}

function read(context: Context, resource: WritableResource, byName: boolean): ExploreDraft | undefined {
  const sym = pick(context, [...live(context, resource), ...context.model.gone().filter((gone) => resourceOf(gone) === resource)]);
  if (!sym) return undefined;
  if (!byName) return draft('a', 'GET', itemPath(sym), `${itemRoute(sym)}: plain`, resource);
  const where = encodeURIComponent(JSON.stringify({ name: context.model.nameOf(sym) }));
  return draft('a', 'GET', `${collectionPath(resource)}?where=${where}`, `${resource}?where by name`, resource);
}

const WRITABLE = ['kubeclusters', 'objectstores', 'kubebackups', 'policies', 'kubeoffloads'] as const satisfies readonly WritableResource[];

/** Per resource: weight of the operation, name, and how it is made. Creates weigh more so each resource has documents early. */
const perResource: ReadonlyArray<[number, string, (context: Context, resource: WritableResource) => Made]> = [
  [1.2, 'declared create', (c, r) => thenRead(create(c, r, 'valid'))],
  [0.3, 'create with an unknown field', (c, r) => create(c, r, 'unknown field')],
  [0.3, 'create with a wrong type', (c, r) => create(c, r, 'wrong type')],
  [0.3, 'create under a name in use', (c, r) => create(c, r, 'repeated name')],
  [1, 'patch a declared field', (c, r) => thenRead(patchField(c, r, 'current'))],
  [0.3, 'patch a declared field, stale', (c, r) => thenRead(patchField(c, r, 'stale'))],
  [0.3, 'patch a declared field, no If-Match', (c, r) => thenRead(patchField(c, r, 'missing'))],
  [0.5, 'put the declared body', (c, r) => thenRead(put(c, r, 'current'))],
  [0.2, 'put the declared body, stale', (c, r) => thenRead(put(c, r, 'stale'))],
  [0.2, 'put the declared body, no If-Match', (c, r) => thenRead(put(c, r, 'missing'))],
  [0.3, 'delete', (c, r) => thenRead(remove(c, r, 'current'))],
  [0.15, 'delete stale', (c, r) => remove(c, r, 'stale')],
  [0.6, 'read it', (c, r) => read(c, r, false)],
  [0.5, 'where by name', (c, r) => read(c, r, true)],
];

type Made = ExploreDraft | readonly ExploreDraft[] | undefined;

export interface ExploreOperationRow {
  name: string;
  weight: number;
  /** The resource the server must have for it (left out of the table otherwise). */
  needs?: string;
  make(context: Context): Made;
}

/** A write and a read of what it wrote: what the server stored shows at once, and a reproduction ends there. */
function thenRead(write: ExploreDraft | undefined): Made {
  const sym = write?.creates?.[0] ?? /\{\{id ([^}]+)\}\}/.exec(write?.path ?? '')?.[1];
  if (!write || sym === undefined) return write;
  return [write, draft('a', 'GET', itemPath(sym), `${itemRoute(sym)}: read back`, resourceOf(sym))];
}

export const resourceOperations: readonly ExploreOperationRow[] = WRITABLE.flatMap((resource) =>
  perResource.map(([weight, name, make]) => ({ name: `${name} (${resource})`, weight, needs: resource, make: (context: Context) => make(context, resource) })),
);

/**
 * The first steps of a sequence: a declared document of each resource, then a name in use, a PATCH and
 * a PUT of each, so that every resource's behaviours are in play whatever the seed.
 */
export const WARM_UP_RESOURCES = [
  ...['declared create', 'create under a name in use'].flatMap((operation) => WRITABLE.map((resource) => `${operation} (${resource})`)),
  // Each field a client changes, once, then a PUT of the declared body, which changes them all back.
  ...WRITABLE.flatMap((resource) => changeable(resource).map(() => `patch a declared field (${resource})`)),
  ...WRITABLE.map((resource) => `put the declared body (${resource})`),
];

export function runBackup(context: Context): ExploreDraft | undefined {
  const sym = pick(context, live(context, 'kubebackups'));
  if (!sym) return undefined;
  return draft('a', 'POST', `${itemPath(sym)}/action/run`, 'kubebackups/{id}/action/run', 'kubebackups', { json: { retention: { retainDays: 7 }, runBackup: true } });
}

/** A job step after a run and a listing of the jobs: the job it names is the one just listed. */
function afterRun(context: Context, step: ExploreDraft): Made {
  const run = runBackup(context);
  if (!run) return undefined;
  return [run, draft('a', 'GET', `${API}/jobs?sort=-start_time&max_results=10`, 'jobs', undefined), step];
}

function jobWrite(context: Context): ExploreDraft {
  const method = context.faker.helpers.arrayElement(['DELETE', 'DELETE', 'PATCH', 'PUT'] as const);
  return draft('a', method, `${API}/jobs/${JOB_ID}`, 'jobs/{id}: a write', undefined, { headers: { 'If-Match': '*' }, ...(method === 'DELETE' ? {} : { json: { state: 'DONE' } }) });
}

function jobWhere(context: Context): ExploreDraft {
  const byName = context.faker.datatype.boolean();
  const backup = pick(context, live(context, 'kubebackups'));
  const where = byName || !backup ? `{"name":"${JOB_NAME}"}` : `{"backupdef":"${placeholder.id(backup)}"}`;
  return draft('a', 'GET', `${API}/jobs?where=${where}`, `jobs?where by ${byName || !backup ? 'name' : 'backupdef'}`, undefined);
}

export const jobOperations: readonly ExploreOperationRow[] = [
  { name: 'write a job', weight: 1.2, needs: 'jobs', make: (c) => afterRun(c, jobWrite(c)) },
  { name: 'read a job', weight: 0.8, needs: 'jobs', make: (c) => afterRun(c, draft('a', 'GET', `${API}/jobs/${JOB_ID}`, 'jobs/{id}', undefined)) },
  { name: 'jobs where', weight: 1, needs: 'jobs', make: (c) => afterRun(c, jobWhere(c)) },
];
