// One pass of a sequence against one server: the model starts from what the server holds (a snapshot),
// every step is sent and judged, and what the pass named with its prefix is removed afterwards.
import { resolveProfile } from '../../mock/options.js';
import type { ProfileName } from '../../mock/options.js';
import type { Doc, Violation } from '../rules/rule.js';
import { Judge } from './judge.js';
import { StateModel, TRACKED } from './model.js';
import type { Tenant, Tracked } from './model.js';
import { observe } from './observe.js';
import { Sender } from './sender.js';
import type { ServerAccess } from './sender.js';
import type { ExploreStep, KnownJob } from './steps.js';

export interface Found {
  /** The step's index in the sequence. */
  step: number;
  violation: Violation;
}

export interface Pass {
  found: Found[];
  /** The curl line of every step sent, by step index. */
  curls: Map<number, string>;
  /** The documents the pass named, with their ids on this server. */
  symbols: Array<[string, string]>;
  ms: number;
}

export interface PassOptions {
  profile: ProfileName;
  progress?: (done: number, found: number, ms: number) => void;
  progressEvery?: number;
  /** Stop at the first step showing a violation of this rule (a shrinking replay needs no more). */
  stopAt?: string;
}

const PAGE = 50;
const MAX_PAGES = 40;

export async function executePass(steps: readonly ExploreStep[], access: ServerAccess, options: PassOptions): Promise<Pass> {
  const started = Date.now();
  const model = new StateModel();
  const sender = new Sender(access, (id) => agentPathOf(model.get(id)?.status), () => latestJob(model));
  await snapshot(sender, model);
  const judge = new Judge(model, { profile: resolveProfile(options.profile) });
  const found: Found[] = [];
  const curls = new Map<number, string>();
  for (const step of steps) {
    const sent = await sender.send(step);
    if (sent.error !== undefined) {
      if (sent.curl) found.push({ step: step.index, violation: { rule: 'SERVER-ERROR', party: 'server', expected: 'an answer', got: sent.error } });
      if (sent.curl) curls.set(step.index, sent.curl);
    } else {
      curls.set(step.index, sent.exchange.curl());
      for (const violation of judge.judge(step, sent.exchange)) found.push({ step: step.index, violation });
    }
    if (options.stopAt !== undefined && found.some((f) => f.violation.rule === options.stopAt)) break;
    const done = step.index + 1;
    if (options.progress && done % (options.progressEvery ?? 250) === 0) options.progress(done, found.length, Date.now() - started);
  }
  return { found, curls, symbols: sender.symbols.entries(), ms: Date.now() - started };
}

const REMOVAL_ORDER: readonly Tracked[] = ['kubeoffloads', 'kubebackups', 'kubeclusters', 'objectstores', 'policies'];

/** Whether the server has the resource (all are assumed present when the run did not look). */
export const present = (access: ServerAccess, resource: string) => access.present === undefined || access.present.includes(resource);

function latestJob(model: StateModel): KnownJob | undefined {
  const last = [...model.jobNames].at(-1);
  return last && { id: last[0], name: last[1] };
}

function agentPathOf(status: unknown): string | undefined {
  const url = (status as Doc | undefined)?.['agentURL'];
  return typeof url === 'string' ? new URL(url, 'http://agent.local').pathname : undefined;
}

/** What each tenant holds before the pass: the model starts from it, so lists of everything compare. */
async function snapshot(sender: Sender, model: StateModel): Promise<void> {
  for (const tenant of ['a', 'b'] as const) {
    for (const resource of TRACKED.filter((r) => present(sender.access, r))) {
      for (const doc of await everything(sender, tenant, resource)) {
        if (model.get(doc['_id'])) continue;
        observe(model, model.add(tenant, resource, doc['_id'], {}), doc, true);
      }
    }
  }
}

async function everything(sender: Sender, tenant: Tenant, resource: string): Promise<Doc[]> {
  const docs: Doc[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const answer = await sender.client(tenant).request('GET', `/api/v1/${resource}?max_results=${PAGE}&page=${page}`);
    if (answer.status !== 200) throw new Error(`listing ${resource} answered ${answer.status}: ${answer.text.slice(0, 200)}`);
    const items = (answer.body?._items ?? []) as Doc[];
    docs.push(...items.filter((item) => typeof item['_id'] === 'string'));
    if (items.length < PAGE) break;
  }
  return docs;
}

/** Removes every document named with `prefix` (read from plain lists: no `where` a broken server could ignore). */
export async function removeNamed(access: ServerAccess, prefix: string): Promise<{ removed: number; failed: number }> {
  const sender = new Sender(access, () => undefined);
  let removed = 0;
  let failed = 0;
  for (const tenant of ['a', 'b'] as const) {
    // Those that refer to others first: a guarded document goes once what refers to it is gone.
    for (const resource of REMOVAL_ORDER.filter((r) => present(access, r))) {
      const named = (await everything(sender, tenant, resource)).filter((doc) => String(doc['name']).startsWith(prefix));
      for (const doc of named) {
        const answer = await sender.client(tenant).request('DELETE', `/api/v1/${resource}/${doc['_id']}`, { headers: { 'If-Match': String(doc['_etag']) } }).catch(() => undefined);
        if (answer?.status === 204 || answer?.status === 404) removed++;
        else failed++;
      }
    }
  }
  return { removed, failed };
}
