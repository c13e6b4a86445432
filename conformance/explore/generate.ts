// The explore sequence: compare's table of operations (every resource, both tenants, valid and broken
// bodies, queries, conditional writes) plus runs, jobs, agent URLs, form bodies, a second tenant reusing
// a name and, with a control API, the clock and the agent's connection. Seeded: a seed is a sequence.
import { Faker, en } from '@faker-js/faker';
import { SequenceModel } from '../compare/model.js';
import { operations } from '../compare/operations.js';
import type { Context, Operation } from '../compare/operations.js';
import { collectionPath, draft } from '../compare/requests.js';
import { API } from '../compare/steps.js';
import type { ResourceName, Sym } from '../compare/steps.js';
import { jobOperations, noteCreated, resourceOperations, runBackup, WARM_UP_RESOURCES } from './resources.js';
import { agentPlaceholder } from './steps.js';
import type { ExploreDraft, ExploreStep } from './steps.js';

export interface ExploreSequenceOptions {
  seed: number;
  count: number;
  /** Every name the sequence writes starts with it. */
  prefix: string;
  /** Whether control-API steps (the clock, connect, disconnect) may be drawn. */
  control: boolean;
  /** The resources the server has: operations on others are not drawn, so the sequence's model matches what is sent. */
  present?: readonly string[];
}

const WARM_UP = ['create objectstore', 'create cluster (a)', 'create cluster (a)', 'create cluster (b)', 'create kubebackup', 'create cluster (a)', 'list a small page', ...WARM_UP_RESOURCES];
const HOURS_25 = 25 * 3_600_000;

type ExploreOperation = Omit<Operation, 'make'> & { needs?: string; make(context: Context): ExploreDraft | readonly ExploreDraft[] | undefined };

const pick = <T>(context: Context, list: readonly T[]): T | undefined => (list.length === 0 ? undefined : context.faker.helpers.arrayElement(list));
const live = (context: Context, resource: ResourceName) => context.model.live('a', resource);

function fetchAgent(context: Context): ExploreDraft | undefined {
  const sym = pick(context, live(context, 'kubeclusters'));
  if (!sym) return undefined;
  return { ...draft('anonymous', 'GET', agentPlaceholder(sym), 'agent manifest', undefined, { headers: { Accept: 'application/yaml' } }), via: 'agent' };
}

function listJobs(context: Context): ExploreDraft {
  const backup = pick(context, live(context, 'kubebackups'));
  // Not encoded: the placeholder is filled in when the step is sent.
  const where = backup ? `where={"backupdef":"{{id ${backup}}}"}&` : '';
  return draft('a', 'GET', `${API}/jobs?${where}sort=-start_time&max_results=10`, 'jobs', undefined);
}

function createForm(context: Context): ExploreDraft {
  const { sym, name } = context.model.next('a', 'kubeclusters');
  context.model.created(sym, name);
  const text = new URLSearchParams({ name, description: context.faker.lorem.words(3) }).toString();
  return draft('a', 'POST', collectionPath('kubeclusters'), 'kubeclusters: form body', 'kubeclusters', { raw: { text, contentType: 'application/x-www-form-urlencoded' }, creates: [sym] });
}

/** Tenant b creates a cluster under a name tenant a uses: either answer is allowed, a's cluster stays. */
function nameOfOtherTenant(context: Context): ExploreDraft | undefined {
  const taken = pick(context, live(context, 'kubeclusters'));
  if (!taken) return undefined;
  const { sym } = context.model.next('b', 'kubeclusters');
  return draft('b', 'POST', collectionPath('kubeclusters'), "kubeclusters: a name tenant a uses", 'kubeclusters', { json: { name: context.model.nameOf(taken) }, creates: [sym] });
}

/** Read-only fields a client may not set on create: `status` (KC-CREATE-5) or an `_id` that is no id. */
function createReadOnly(context: Context): ExploreDraft {
  const { name } = context.model.next('a', 'kubeclusters');
  const body = context.faker.datatype.boolean() ? { name, status: { state: 'ACTIVE' } } : { name, _id: 'not-an-id' };
  return draft('a', 'POST', collectionPath('kubeclusters'), 'kubeclusters: read-only field', 'kubeclusters', { json: body });
}

function control(path: string, shape: string, json: unknown): ExploreDraft {
  return { ...draft('anonymous', 'POST', path, shape, undefined, { json }), via: 'control' };
}

function connection(context: Context, move: 'connect' | 'disconnect'): ExploreDraft | undefined {
  const sym: Sym | undefined = pick(context, live(context, 'kubeclusters'));
  return sym ? control(`/__mock/clusters/{{id ${sym}}}/${move}`, `control: ${move}`, {}) : undefined;
}

/** A page smaller than what it matches: totals and links must count the matches, not the page. */
function smallPage(context: Context): ExploreDraft {
  const page = context.faker.number.int({ min: 1, max: 2 });
  return draft('a', 'GET', `${collectionPath('kubeclusters')}?max_results=2&page=${page}`, 'kubeclusters?a small page', 'kubeclusters');
}

const extraOperations: readonly ExploreOperation[] = [
  { name: 'list a small page', weight: 1, make: smallPage },
  { name: 'fetch agent manifest', weight: 4, make: fetchAgent },
  { name: 'run backup', weight: 3, needs: 'jobs', make: runBackup },
  { name: 'list jobs', weight: 1.5, needs: 'jobs', make: listJobs },
  { name: 'POST jobs', weight: 0.6, needs: 'jobs', make: () => draft('a', 'POST', `${API}/jobs`, 'jobs', undefined, { json: { state: 'RUNNING' } }) },
  { name: 'create with a read-only field', weight: 1, make: createReadOnly },
  { name: 'create with a form body', weight: 1.5, make: createForm },
  { name: 'create (b) with a name a uses', weight: 1.5, make: nameOfOtherTenant },
];

const controlOperations: readonly ExploreOperation[] = [
  { name: 'advance the clock', weight: 2, make: () => control('/__mock/clock/advance', 'control: advance the clock 25 h', { ms: HOURS_25 }) },
  { name: 'disconnect', weight: 0.6, make: (c) => connection(c, 'disconnect') },
  { name: 'connect', weight: 0.4, make: (c) => connection(c, 'connect') },
];

export function generateExploreSequence(options: ExploreSequenceOptions): ExploreStep[] {
  const faker = new Faker({ locale: [en] });
  faker.seed(options.seed);
  const context: Context = { faker, model: new SequenceModel(options.prefix) };
  const all: readonly ExploreOperation[] = [...operations, ...extraOperations, ...resourceOperations, ...jobOperations, ...(options.control ? controlOperations : [])];
  const table = all.filter((operation) => operation.needs === undefined || options.present === undefined || options.present.includes(operation.needs));
  const weighted = table.map((operation) => ({ weight: operation.weight, value: operation }));
  const steps: ExploreStep[] = [];
  for (let drawn = 0; steps.length < options.count; drawn++) {
    const warm = WARM_UP[drawn];
    const operation = warm === undefined ? faker.helpers.weightedArrayElement(weighted) : table.find((o) => o.name === warm);
    // A pair (a write and its repeat) stays together: the repeat's meaning depends on the write before it.
    const made = operation?.make(context);
    for (const one of made === undefined ? [] : Array.isArray(made) ? made : [made as ExploreDraft]) {
      noteCreated(context.model, one);
      steps.push({ index: steps.length, ...one });
    }
  }
  return steps;
}
