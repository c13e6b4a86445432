// The generator's table of operations: each row writes one step (or none when it has no target yet).
// Weights set how often each kind of request appears in a sequence.
import type { Faker } from '@faker-js/faker';
import { brokenClusters, rawBodies, tags, backupProvider, validCluster, validKubebackup, validObjectstore } from './bodies.js';
import type { SequenceModel } from './model.js';
import { listQuery } from './queries.js';
import { collectionPath, draft, ifMatch, itemPath, itemRoute } from './requests.js';
import type { Precondition } from './requests.js';
import { API, UNKNOWN_ID, placeholder, resourceOf } from './steps.js';
import type { ResourceName, StepDraft, Sym, Tenant } from './steps.js';

export interface Context {
  faker: Faker;
  model: SequenceModel;
}

export interface Operation {
  name: string;
  weight: number;
  /** One step, a pair that must follow each other (a write and its repeat), or none. */
  make(context: Context): StepDraft | readonly StepDraft[] | undefined;
}

const pick = <T>(faker: Faker, list: readonly T[]): T | undefined => (list.length === 0 ? undefined : faker.helpers.arrayElement(list));
const someTenant = (faker: Faker): Tenant => (faker.datatype.boolean(0.8) ? 'a' : 'b');

function createCluster({ faker, model }: Context, tenant: Tenant): StepDraft {
  const { sym, name } = model.next(tenant, 'kubeclusters');
  model.created(sym, name);
  const body = validCluster(faker, name, pick(faker, model.live(tenant, 'objectstores')));
  return draft(tenant, 'POST', collectionPath('kubeclusters'), 'kubeclusters: valid', 'kubeclusters', { json: body, creates: [sym] });
}

function createBroken({ faker, model }: Context): StepDraft {
  const broken = faker.helpers.arrayElement(brokenClusters);
  return draft('a', 'POST', collectionPath('kubeclusters'), `kubeclusters: ${broken.what}`, 'kubeclusters', { json: broken.body(`${model.prefix}a-refused`) });
}

function createRaw({ faker }: Context): StepDraft {
  const raw = faker.helpers.arrayElement(rawBodies);
  return draft('a', 'POST', collectionPath('kubeclusters'), `kubeclusters: ${raw.what}`, 'kubeclusters', { raw: { text: raw.text, contentType: raw.contentType ?? 'application/json' } });
}

function createBulk({ faker, model }: Context, mode: 'valid' | 'one broken' | 'empty' | 'repeated name'): StepDraft {
  if (mode === 'repeated name') return createBulkRepeat({ faker, model });
  if (mode === 'empty') return draft('a', 'POST', collectionPath('kubeclusters'), 'kubeclusters: bulk empty array', 'kubeclusters', { json: [] });
  const count = faker.number.int({ min: 2, max: 3 });
  const made = Array.from({ length: count }, () => model.next('a', 'kubeclusters'));
  const bodies: unknown[] = made.map(({ name }) => validCluster(faker, name, undefined));
  if (mode === 'one broken') bodies[bodies.length - 1] = { name: 7 };
  else for (const { sym, name } of made) model.created(sym, name);
  return draft('a', 'POST', collectionPath('kubeclusters'), `kubeclusters: bulk ${mode}`, 'kubeclusters', { json: bodies, creates: made.map((m) => m.sym) });
}

/**
 * A bulk POST naming one new name twice: Eve's `unique` rule looks only at stored documents, so the
 * reference stores both; the mock refuses the repeat (allow-list: bulk-repeated-name). Nothing is
 * recorded as created: the replay deletes what only one server made.
 */
function createBulkRepeat({ faker, model }: Context): StepDraft {
  const { name } = model.next('a', 'kubeclusters');
  const bodies = [validCluster(faker, name, undefined), validCluster(faker, name, undefined)];
  return draft('a', 'POST', collectionPath('kubeclusters'), 'kubeclusters: bulk repeated name', 'kubeclusters', { json: bodies });
}

function createDuplicate({ faker, model }: Context): StepDraft | undefined {
  const existing = pick(faker, model.live('a', 'kubeclusters'));
  if (!existing) return undefined;
  return draft('a', 'POST', collectionPath('kubeclusters'), 'kubeclusters: duplicate name', 'kubeclusters', { json: { name: model.nameOf(existing) } });
}

function createWithClientId({ faker, model }: Context): StepDraft {
  const { sym, name } = model.next('a', 'kubeclusters');
  const id = faker.string.hexadecimal({ length: 24, casing: 'lower', prefix: '' });
  return draft('a', 'POST', collectionPath('kubeclusters'), 'kubeclusters: client _id', 'kubeclusters', { json: { name, _id: id }, creates: [sym] });
}

function createObjectstore({ faker, model }: Context, valid: boolean): StepDraft {
  const tenant = someTenant(faker);
  const { sym, name } = model.next(tenant, 'objectstores');
  if (!valid) return draft(tenant, 'POST', collectionPath('objectstores'), 'objectstores: bad provider_type', 'objectstores', { json: { name, provider_type: 'gcs' } });
  model.created(sym, name);
  return draft(tenant, 'POST', collectionPath('objectstores'), 'objectstores: valid', 'objectstores', { json: validObjectstore(faker, name), creates: [sym] });
}

function createKubebackup({ faker, model }: Context, dangling: boolean): StepDraft | undefined {
  const cluster = pick(faker, model.live('a', 'kubeclusters'));
  const { sym, name } = model.next('a', 'kubebackups');
  if (dangling || !cluster) {
    const body = { name, cluster: UNKNOWN_ID, source: { all_namespaces: true } };
    return draft('a', 'POST', collectionPath('kubebackups'), 'kubebackups: dangling cluster', 'kubebackups', { json: body });
  }
  model.created(sym, name, cluster);
  return draft('a', 'POST', collectionPath('kubebackups'), 'kubebackups: valid', 'kubebackups', { json: validKubebackup(faker, name, cluster), creates: [sym] });
}

function list({ faker, model }: Context, tenant: Tenant): StepDraft {
  const resource = faker.helpers.weightedArrayElement<ResourceName>([
    { weight: 8, value: 'kubeclusters' },
    { weight: 1, value: 'objectstores' },
    { weight: 1, value: 'kubebackups' },
  ]);
  const name = pick(faker, model.names()) ?? `${model.prefix}none`;
  const { what, query } = listQuery(faker, { prefix: model.prefix, name });
  const method = faker.datatype.boolean(0.08) ? 'HEAD' : 'GET';
  return draft(tenant, method, `${collectionPath(resource)}${query ? `?${query}` : ''}`, `${resource}?${what}`, resource);
}

/** A live document of tenant a, usually a cluster. */
function target({ faker, model }: Context, tenant: Tenant = 'a'): Sym | undefined {
  const resource = faker.helpers.weightedArrayElement<ResourceName>([
    { weight: 8, value: 'kubeclusters' },
    { weight: 1, value: 'objectstores' },
    { weight: 1, value: 'kubebackups' },
  ]);
  return pick(faker, model.live(tenant, resource)) ?? pick(faker, model.live(tenant, 'kubeclusters'));
}

function getItem(context: Context, variant: 'plain' | 'If-None-Match current' | 'If-None-Match stale' | 'If-None-Match W/ form' | 'If-Modified-Since future' | 'If-Modified-Since past' | 'HEAD'): StepDraft | undefined {
  const sym = target(context);
  if (!sym) return undefined;
  const headers: Record<string, string> = {
    plain: {},
    HEAD: {},
    'If-None-Match current': { 'If-None-Match': `"${placeholder.etag(sym)}"` },
    'If-None-Match stale': { 'If-None-Match': `"${placeholder.stale(sym)}"` },
    'If-None-Match W/ form': { 'If-None-Match': `W/"${placeholder.etag(sym)}"` },
    'If-Modified-Since future': { 'If-Modified-Since': 'Fri, 01 Jan 2100 00:00:00 GMT' },
    'If-Modified-Since past': { 'If-Modified-Since': 'Fri, 08 May 2020 17:41:58 GMT' },
  }[variant];
  const method = variant === 'HEAD' ? 'HEAD' : 'GET';
  return draft('a', method, itemPath(sym), `${itemRoute(sym)}: ${variant}`, resourceOf(sym), { headers });
}

function getMissing({ faker, model }: Context): StepDraft {
  const variant = faker.helpers.arrayElement(['unknown id', 'malformed id', 'deleted id'] as const);
  const gone = pick(faker, model.gone());
  if (variant === 'deleted id' && gone) return draft('a', 'GET', itemPath(gone), `${itemRoute(gone)}: deleted id`, resourceOf(gone));
  const id = variant === 'malformed id' ? 'not-an-id' : UNKNOWN_ID;
  return draft('a', 'GET', `${API}/kubeclusters/${id}`, `kubeclusters/{id}: ${variant === 'malformed id' ? 'malformed' : 'unknown'} id`, 'kubeclusters');
}

/** A valid partial body; a rename is recorded in the model only when the write will succeed (`applies`). */
function patchBody({ faker, model }: Context, sym: Sym, applies: boolean): { what: string; body: Record<string, unknown> } {
  if (resourceOf(sym) === 'objectstores') return { what: 'valid', body: { bucket_name: 'patched' } };
  if (resourceOf(sym) === 'kubebackups') {
    // A policy by name: the reference keeps any string there, the mock needs a policy's _id (allow-list: policy-is-a-reference).
    return faker.datatype.boolean({ probability: 0.8 }) ? { what: 'valid', body: { trigger_type: 'ADHOC' } } : { what: 'policy name', body: { policy: 'daily' } };
  }
  const choice = faker.helpers.arrayElement(['description', 'tags', 'backup_provider', 'rename'] as const);
  if (choice === 'rename') {
    const { name } = model.next('a', 'kubeclusters');
    if (applies) model.renamed(sym, name);
    return { what: 'rename', body: { name } };
  }
  const value = { description: faker.lorem.words(3), tags: tags(faker), backup_provider: backupProvider(faker, undefined) }[choice];
  return { what: `valid ${choice}`, body: { [choice]: value } };
}

function writeItem(context: Context, method: 'PATCH' | 'PUT', precondition: Precondition): StepDraft | undefined {
  const sym = target(context);
  if (!sym) return undefined;
  const { faker, model } = context;
  const resource = resourceOf(sym);
  let what: string;
  let body: unknown;
  if (method === 'PATCH') ({ what, body } = patchBody(context, sym, precondition === 'current'));
  else {
    what = 'full body';
    const name = model.nameOf(sym);
    body = resource === 'kubeclusters' ? validCluster(faker, name, undefined) : resource === 'objectstores' ? validObjectstore(faker, name) : { name, cluster: UNKNOWN_ID };
    if (resource === 'kubebackups') what = 'dangling cluster';
  }
  const shape = `${itemRoute(sym)}: ${precondition === 'current' ? what : `${precondition} If-Match`}`;
  return draft('a', method, itemPath(sym), shape, resource, { json: body, headers: ifMatch(sym, precondition) });
}

/**
 * A PUT, then the same PUT again with the etag the first answered: within one second Eve 2.3 answers
 * the repeat 412 (its Mongo layer counts no modified document; allow-list: eve-same-second-noop-put).
 */
function putTwice(context: Context): StepDraft[] | undefined {
  const { faker, model } = context;
  const sym = pick(faker, [...model.live('a', 'kubeclusters'), ...model.live('a', 'objectstores')]);
  if (!sym) return undefined;
  const name = model.nameOf(sym);
  const body = resourceOf(sym) === 'kubeclusters' ? validCluster(faker, name, undefined) : validObjectstore(faker, name);
  const put = (what: string) => draft('a', 'PUT', itemPath(sym), `${itemRoute(sym)}: ${what}`, resourceOf(sym), { json: body, headers: ifMatch(sym, 'current') });
  return [put('full body'), put(SAME_PUT_AGAIN)];
}

/** The shape of the repeated PUT of `putTwice`. */
export const SAME_PUT_AGAIN = 'same full body again';

function writeBadBody(context: Context, method: 'PATCH' | 'PUT'): StepDraft | undefined {
  const sym = pick(context.faker, context.model.live('a', 'kubeclusters'));
  if (!sym) return undefined;
  const { faker, model } = context;
  const kind = faker.helpers.weightedArrayElement([
    { weight: 3, value: 'raw' },
    { weight: 3, value: 'broken' },
    { weight: 1, value: 'array' },
    { weight: 1, value: 'partial backup_provider' },
    { weight: 1, value: 'duplicate name' },
  ] as const);
  const headers = ifMatch(sym, 'current');
  const other = pick(faker, model.live('a', 'kubeclusters').filter((s) => s !== sym));
  const options = (() => {
    if (kind === 'raw') {
      const raw = faker.helpers.arrayElement(rawBodies);
      return { what: raw.what, raw: { text: raw.text, contentType: raw.contentType ?? 'application/json' } };
    }
    if (kind === 'broken') {
      // Not a region of another cloud: a write one server takes and the other refuses by design (allow-list
      // `regions-per-cloud`) would make every later answer about the document differ.
      const candidates = brokenClusters.filter((b) => (method === 'PUT' || b.what !== 'missing name') && b.what !== 'region of another cloud');
      const broken = faker.helpers.arrayElement(candidates);
      return { what: broken.what, json: broken.body(model.nameOf(sym)) };
    }
    if (kind === 'array') return { what: 'JSON array', json: [{ description: 'x' }] };
    if (kind === 'partial backup_provider') return { what: 'partial backup_provider', json: { backup_provider: { region: 'eu-west-1' } } };
    return { what: 'duplicate name', json: other ? { name: model.nameOf(other) } : { name: model.nameOf(sym) } };
  })();
  const { what, ...body } = options;
  return draft('a', method, itemPath(sym), `kubeclusters/{id}: ${what}`, 'kubeclusters', { ...body, headers });
}

function deleteItem(context: Context, precondition: Precondition): StepDraft | undefined {
  const sym = target(context);
  if (!sym) return undefined;
  const guarded = context.model.isGuarded(sym);
  if (precondition === 'current' && !guarded) context.model.deleted(sym);
  const what = precondition !== 'current' ? `${precondition} If-Match` : guarded ? 'used by a backup' : 'current If-Match';
  return draft('a', 'DELETE', itemPath(sym), `${itemRoute(sym)}: ${what}`, resourceOf(sym), { headers: ifMatch(sym, precondition) });
}

function deleteMissing({ faker, model }: Context): StepDraft {
  const gone = pick(faker, model.gone());
  if (gone && faker.datatype.boolean()) {
    return draft('a', 'DELETE', itemPath(gone), `${itemRoute(gone)}: deleted id`, resourceOf(gone), { headers: { 'If-Match': placeholder.etag(gone) } });
  }
  return draft('a', 'DELETE', `${API}/kubeclusters/${UNKNOWN_ID}`, 'kubeclusters/{id}: unknown id', 'kubeclusters', { headers: { 'If-Match': 'abc' } });
}

/** Tenant b acting on tenant a's documents, with a's current etag. */
function foreign(context: Context): StepDraft | undefined {
  const sym = pick(context.faker, context.model.live('a', 'kubeclusters'));
  if (!sym) return undefined;
  const method = context.faker.helpers.arrayElement(['GET', 'PATCH', 'PUT', 'DELETE'] as const);
  const headers = method === 'GET' ? {} : ifMatch(sym, 'current');
  const json = method === 'PATCH' ? { description: 'from b' } : method === 'PUT' ? { name: context.model.nameOf(sym) } : undefined;
  return draft('b', method, itemPath(sym), `kubeclusters/{id}: another tenant's item`, 'kubeclusters', { headers, ...(json ? { json } : {}) });
}

function auth({ faker }: Context): StepDraft {
  const sender = faker.helpers.arrayElement(['anonymous', 'bad-token'] as const);
  return draft(sender, 'GET', collectionPath('kubeclusters'), 'kubeclusters', 'kubeclusters');
}

function routes({ faker }: Context): StepDraft {
  const [method, path, shape] = faker.helpers.arrayElement([
    ['GET', `${API}/nothing`, 'unknown route'],
    ['DELETE', collectionPath('kubeclusters'), 'kubeclusters (collection)'],
    ['GET', '/api-docs', '/api-docs'],
    ['GET', `${API}/kubeclusters/cloudcasa-images`, 'kubeclusters/cloudcasa-images'],
  ] as const);
  return draft('a', method, path, shape, undefined);
}

function options(context: Context): StepDraft {
  const sym = context.faker.datatype.boolean() ? target(context) : undefined;
  if (!sym) return draft('a', 'OPTIONS', collectionPath('kubeclusters'), 'kubeclusters', 'kubeclusters');
  return draft('a', 'OPTIONS', itemPath(sym), itemRoute(sym), resourceOf(sym));
}

export const operations: readonly Operation[] = [
  { name: 'create cluster (a)', weight: 10, make: (c) => createCluster(c, 'a') },
  { name: 'create cluster (b)', weight: 3, make: (c) => createCluster(c, 'b') },
  { name: 'create broken cluster', weight: 7, make: createBroken },
  { name: 'create with a raw body', weight: 2, make: createRaw },
  { name: 'create duplicate', weight: 2, make: createDuplicate },
  { name: 'create with client _id', weight: 1, make: createWithClientId },
  { name: 'bulk create', weight: 2, make: (c) => createBulk(c, 'valid') },
  { name: 'bulk create one broken', weight: 1, make: (c) => createBulk(c, 'one broken') },
  { name: 'bulk create empty', weight: 0.5, make: (c) => createBulk(c, 'empty') },
  { name: 'bulk create repeating a name', weight: 0.5, make: (c) => createBulk(c, 'repeated name') },
  { name: 'create objectstore', weight: 3, make: (c) => createObjectstore(c, true) },
  { name: 'create broken objectstore', weight: 1, make: (c) => createObjectstore(c, false) },
  { name: 'create kubebackup', weight: 2.5, make: (c) => createKubebackup(c, false) },
  { name: 'create dangling kubebackup', weight: 0.5, make: (c) => createKubebackup(c, true) },
  { name: 'list (a)', weight: 14, make: (c) => list(c, 'a') },
  { name: 'list (b)', weight: 2, make: (c) => list(c, 'b') },
  { name: 'get item', weight: 5, make: (c) => getItem(c, 'plain') },
  { name: 'head item', weight: 1, make: (c) => getItem(c, 'HEAD') },
  { name: 'get If-None-Match', weight: 1.5, make: (c) => getItem(c, 'If-None-Match current') },
  { name: 'get If-None-Match stale', weight: 1, make: (c) => getItem(c, 'If-None-Match stale') },
  { name: 'get If-None-Match W/', weight: 0.5, make: (c) => getItem(c, 'If-None-Match W/ form') },
  { name: 'get If-Modified-Since future', weight: 1, make: (c) => getItem(c, 'If-Modified-Since future') },
  { name: 'get If-Modified-Since past', weight: 0.5, make: (c) => getItem(c, 'If-Modified-Since past') },
  { name: 'get missing', weight: 2.5, make: getMissing },
  { name: 'patch', weight: 6, make: (c) => writeItem(c, 'PATCH', 'current') },
  { name: 'patch stale', weight: 2, make: (c) => writeItem(c, 'PATCH', 'stale') },
  { name: 'patch without If-Match', weight: 1.5, make: (c) => writeItem(c, 'PATCH', 'missing') },
  { name: 'patch bad body', weight: 4, make: (c) => writeBadBody(c, 'PATCH') },
  { name: 'put', weight: 3, make: (c) => writeItem(c, 'PUT', 'current') },
  { name: 'put stale', weight: 1, make: (c) => writeItem(c, 'PUT', 'stale') },
  { name: 'put without If-Match', weight: 1, make: (c) => writeItem(c, 'PUT', 'missing') },
  { name: 'put bad body', weight: 2, make: (c) => writeBadBody(c, 'PUT') },
  { name: 'put the same body twice', weight: 1, make: putTwice },
  { name: 'delete', weight: 3, make: (c) => deleteItem(c, 'current') },
  { name: 'delete stale', weight: 1, make: (c) => deleteItem(c, 'stale') },
  { name: 'delete without If-Match', weight: 1, make: (c) => deleteItem(c, 'missing') },
  { name: 'delete missing', weight: 1.5, make: deleteMissing },
  { name: "another tenant's item", weight: 4, make: foreign },
  { name: 'auth', weight: 1.5, make: auth },
  { name: 'routes', weight: 2, make: routes },
  { name: 'options', weight: 1.5, make: options },
];
