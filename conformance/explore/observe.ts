// One document as the server shows it to its owner, against the model: read back as written, the ETag
// renewed with every change, `_created` kept, `_updated` never earlier, status only moving forward.
// Then the model takes what was shown, so each fault is reported once.
import { deepEqual, show, server } from '../rules/rule.js';
import type { Doc, Violation } from '../rules/rule.js';
import { contentOf } from './model.js';
import type { Held, StateModel } from './model.js';

/** A cluster never goes back: REGISTERED → PENDING → ACTIVE, INACTIVE only from ACTIVE (and out of it by a reconnect or a new manifest). */
const CLUSTER_MOVES: Record<string, readonly string[]> = {
  REGISTERED: ['PENDING', 'ACTIVE'],
  PENDING: ['ACTIVE'],
  ACTIVE: ['INACTIVE'],
  INACTIVE: ['ACTIVE', 'PENDING'],
};

const stateOf = (status: unknown) => (status as Doc | undefined)?.['state'] as string | undefined;

export function observe(model: StateModel, held: Held, doc: Doc, read: boolean): Violation[] {
  const etag = typeof doc['_etag'] === 'string' ? doc['_etag'] : undefined;
  if (read && etag !== undefined && etag !== held.etag && held.etags.has(etag)) {
    const shownWith = held.etags.get(etag);
    if (shownWith !== undefined && !deepEqual(shownWith, doc['status'])) return [sameEtagMoved(held, shownWith, doc['status'], etag)];
    return [server('KC-UPDATE-1', `the stored ${held.resource}/${held.id} (_etag ${held.etag}), written or read before this read`, `an older version, _etag ${etag}`)];
  }
  const violations = [...contentProblems(model, held, doc), ...statusProblems(held, doc, etag), ...timeProblems(held, doc)];
  adopt(model, held, doc, etag);
  if (read) held.writers = {};
  return violations;
}

function contentProblems(model: StateModel, held: Held, doc: Doc): Violation[] {
  const shown = contentOf(doc);
  const blame = held.suspects.at(-1) ?? held.writtenBy;
  const where = `${held.resource}/${held.id}`;
  const violations: Violation[] = [];
  for (const [field, value] of Object.entries(held.fields)) {
    if (!deepEqual(shown[field], value)) violations.push(server(held.suspects.at(-1) ?? held.writers[field] ?? blame, `${where} ${field}: ${show(value)} (as written)`, `${field}: ${show(shown[field])}`));
  }
  for (const [field, value] of Object.entries(shown)) {
    if (Object.hasOwn(held.fields, field)) continue;
    if (held.complete) violations.push(server(blame, `${where} without ${field} (not written)`, `${field}: ${show(value)}`));
    else if (held.replaced && Object.hasOwn(held.replaced, field) && deepEqual(held.replaced[field], value) && !deepEqual(model.defaults.get(held.resource)?.[field], value)) {
      violations.push(server('KC-UPDATE-3', `${where} without ${field}: a PUT without it replaced the document`, `${field}: ${show(value)} (kept from before the PUT)`));
    }
  }
  return violations;
}

function statusProblems(held: Held, doc: Doc, etag: string | undefined): Violation[] {
  const status = doc['status'];
  const where = `${held.resource}/${held.id}`;
  const violations: Violation[] = [];
  if (held.status !== undefined && status !== undefined && !deepEqual(held.status, status)) {
    if (etag !== undefined && etag === held.etag && !held.etagUnread) violations.push(sameEtagMoved(held, held.status, status, etag));
    violations.push(...moveProblems(held, status));
  }
  const state = stateOf(status);
  if (held.mustBeActive && (state === 'REGISTERED' || state === 'PENDING')) {
    violations.push(server('KC-STATE-3', `${where} ACTIVE: its agent URL was fetched and the control clock then advanced 25 h`, `status.state ${state}`));
  }
  if (held.expectState !== undefined && state !== held.expectState) {
    violations.push(server('KC-MOCK-2', `${where} ${held.expectState}, as the control API answered`, `status.state ${state}`));
  }
  return violations;
}

/** The same ETag with another status: a server-side move that kept it (KC-STATE-4), or a last run time shown two ways (KC-JOBS-4). */
function sameEtagMoved(held: Held, before: unknown, after: unknown, etag: string): Violation {
  const runTime = (status: unknown) => (status as Doc | undefined)?.['last_job_run_time'];
  const rule = held.resource === 'kubebackups' && runTime(before) !== runTime(after) ? 'KC-JOBS-4' : 'KC-STATE-4';
  return server(rule, `a new _etag for ${held.resource}/${held.id}, whose status moved (${show(before)} → ${show(after)})`, `the same _etag ${etag}`);
}

function moveProblems(held: Held, status: unknown): Violation[] {
  const where = `${held.resource}/${held.id}`;
  if (held.resource === 'kubeclusters') {
    const [from, to] = [stateOf(held.status), stateOf(status)];
    // A control move answered 200 sets the state it names, whatever it was.
    if (from === undefined || to === undefined || from === to || held.expectState === to || CLUSTER_MOVES[from]?.includes(to)) return [];
    return [server('KC-STATE-3', `${where} moving forward from ${from} (to ${CLUSTER_MOVES[from]?.join(' or ') ?? 'nothing'})`, `status.state ${to}`)];
  }
  const runTime = (value: unknown) => Number((value as Doc | undefined)?.['last_job_run_time'] ?? 0);
  if (held.resource === 'kubebackups' && runTime(status) < runTime(held.status)) {
    return [server('KC-JOBS-4', `${where} status.last_job_run_time not earlier than ${runTime(held.status)}`, `${runTime(status)}`)];
  }
  return [];
}

function timeProblems(held: Held, doc: Doc): Violation[] {
  const where = `${held.resource}/${held.id}`;
  const violations: Violation[] = [];
  if (held.created !== undefined && doc['_created'] !== undefined && doc['_created'] !== held.created) {
    violations.push(server('KC-UPDATE-1', `${where} _created kept: ${held.created}`, `_created ${show(doc['_created'])}`));
  }
  const [before, now] = [Date.parse(String(held.updated)), Date.parse(String(doc['_updated']))];
  if (now < before) violations.push(server('KC-UPDATE-1', `${where} _updated not earlier than ${held.updated}`, `_updated ${doc['_updated']}`));
  return violations;
}

function adopt(model: StateModel, held: Held, doc: Doc, etag: string | undefined): void {
  const shown = contentOf(doc);
  if (held.learnDefaults) {
    const defaults = model.defaults.get(held.resource) ?? {};
    for (const [field, value] of Object.entries(shown)) if (!Object.hasOwn(held.fields, field)) defaults[field] = value;
    model.defaults.set(held.resource, defaults);
  }
  Object.assign(held, { fields: shown, complete: true, learnDefaults: false, suspects: [], statusMayMove: held.agentFetched && stateOf(doc['status']) !== 'ACTIVE', mustBeActive: false });
  delete held.replaced;
  delete held.etagUnread;
  delete held.expectState;
  if (doc['status'] !== undefined) held.status = doc['status'];
  if (etag !== undefined) {
    held.etag = etag;
    held.etags.set(etag, doc['status']);
  }
  if (typeof doc['_created'] === 'string') held.created ??= doc['_created'];
  if (typeof doc['_updated'] === 'string') held.updated = doc['_updated'];
}
