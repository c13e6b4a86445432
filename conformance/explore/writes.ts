// Writes against the model: what a create, PATCH, PUT or DELETE answered decides what the server must
// now hold; a write that had to fail (stale ETag, a foreign tenant, a guarded cluster, a taken name) and
// succeeded is a violation, and a refused one is remembered as the suspect if the document changes anyway.
import { mergeNested } from '../../mock/resources/merge.js';
import type { Exchange } from '../client.js';
import { headerName } from '../rules/answers.js';
import { bareEtag, deepEqual, docsOf, isSuccess, server } from '../rules/rule.js';
import type { Doc, Violation } from '../rules/rule.js';
import { contentOf } from './model.js';
import { contractOf } from '../checks/resource-contracts.js';
import type { Held, StateModel, Tenant, Tracked } from './model.js';
import { observe } from './observe.js';
import type { ExploreStep } from './steps.js';

export interface WriteContext {
  step: ExploreStep;
  exchange: Exchange;
  tenant: Tenant;
  resource: Tracked;
  id: string | undefined;
}

export function judgeWrite(model: StateModel, write: WriteContext): Violation[] {
  if (write.step.method === 'POST' && write.id === undefined) return judgeCreate(model, write);
  if (write.step.method === 'POST') return ranDefinition(model, write);
  if (!['PATCH', 'PUT', 'DELETE'].includes(write.step.method) || write.id === undefined) return [];
  const held = model.get(write.id);
  if (!held) return [];
  if (held.tenant !== write.tenant) return foreignWrite(held, write.exchange);
  if (!isSuccess(write.exchange)) {
    held.suspects.push(refusalRule(write.exchange.status, write.step.method));
    return [];
  }
  const violations = preconditionProblems(held, write.exchange);
  if (write.step.method === 'DELETE') return [...violations, ...deleted(model, held)];
  return [...violations, ...updated(model, held, write)];
}

/** The bodies a POST sent, one per document: JSON (one or a bulk array) or a form. */
function sentBodies(exchange: Exchange): Doc[] {
  const body = exchange.request.body ?? '';
  const type = exchange.request.headers[headerName(exchange.request.headers, 'Content-Type')] ?? '';
  if (type.includes('form-urlencoded')) return [Object.fromEntries(new URLSearchParams(body))];
  try {
    const parsed: unknown = JSON.parse(body);
    return (Array.isArray(parsed) ? parsed : [parsed]).filter((doc): doc is Doc => typeof doc === 'object' && doc !== null);
  } catch {
    return [];
  }
}

function judgeCreate(model: StateModel, { step, exchange, tenant, resource }: WriteContext): Violation[] {
  const bodies = sentBodies(exchange);
  if (exchange.status !== 201) {
    const rule = step.shape.includes('a name tenant a uses') ? 'KC-AUTH-4' : step.shape.includes('duplicate name') ? 'KC-VALID-8' : step.shape.includes('bulk') ? 'KC-CREATE-6' : 'KC-VALID-1';
    for (const body of bodies) if (typeof body['name'] === 'string') model.refusedNames.set(`${tenant}|${resource}|${body['name']}`, rule);
    return [];
  }
  const form = step.shape.endsWith('form body');
  const violations: Violation[] = [];
  // Names in use before this POST: Eve's `unique` looks only at stored documents, so a bulk POST naming
  // one new name twice may store both (compare allow-list bulk-repeated-name), or be refused.
  const before = model.list(tenant, resource);
  docsOf(exchange.body).forEach((answer, i) => {
    const sent = bodies[i] ?? {};
    const taken = contractOf(resource).unique.includes('name') && before.find((h) => h.fields['name'] === sent['name']);
    if (taken) violations.push(server('KC-VALID-8', `422 "is not unique": ${resource}/${taken.id} is named ${sent['name']}`, '201'));
    if (typeof sent['_id'] === 'string' && sent['_id'] !== answer['_id']) violations.push(server('KC-CREATE-8', `the document stored under the _id sent, ${sent['_id']}`, `_id ${answer['_id']}`));
    const writtenBy = form ? 'KC-CREATE-9' : typeof sent['_id'] === 'string' ? 'KC-CREATE-8' : 'KC-CREATE-2';
    const fields = contentOf(sent);
    const held = model.add(tenant, resource, answer['_id'], { fields, learnDefaults: true, writtenBy, writers: writtenAs(fields, writtenBy) });
    violations.push(...answered(model, held, answer));
  });
  return violations;
}

/** The write's answer: observed when it carries the document, else only its meta fields are taken. */
function answered(model: StateModel, held: Held, answer: Doc): Violation[] {
  if (Object.keys(contentOf(answer)).length > 0) return observe(model, held, answer, false);
  if (typeof answer['_etag'] === 'string') {
    held.etag = answer['_etag'];
    held.etags.set(answer['_etag'], held.status);
  }
  held.created ??= answer['_created'];
  held.updated = answer['_updated'] ?? held.updated;
  return [];
}

/** Another tenant's write: PATCH and PUT must fail (a DELETE may answer 204), and nothing may change. */
function foreignWrite(held: Held, exchange: Exchange): Violation[] {
  held.suspects.push('KC-AUTH-3');
  const method = exchange.request.method;
  if (!isSuccess(exchange) || method === 'DELETE') return [];
  return [server('KC-AUTH-3', `${method === 'PUT' ? '403 or 404' : '404'}: ${held.resource}/${held.id} belongs to the other tenant`, `${exchange.status}`)];
}

function refusalRule(status: number, method: string): string {
  const onDelete = method === 'DELETE';
  if (status === 412) return onDelete ? 'KC-DELETE-3' : 'KC-ETAG-3';
  if (status === 428) return onDelete ? 'KC-DELETE-2' : 'KC-ETAG-2';
  if (status === 409) return 'KC-DELETE-4';
  return onDelete ? 'KC-DELETE-1' : 'KC-UPDATE-6';
}

/** A write that succeeded with an If-Match other than the stored ETag. */
function preconditionProblems(held: Held, exchange: Exchange): Violation[] {
  const ifMatch = bareEtag(exchange.request.headers[headerName(exchange.request.headers, 'If-Match')]);
  if (ifMatch === undefined || held.etag === undefined || ifMatch === held.etag) return [];
  const rule = exchange.request.method === 'DELETE' ? 'KC-DELETE-3' : 'KC-ETAG-3';
  return [server(rule, `412: If-Match ${ifMatch} is not the stored _etag ${held.etag}`, `${exchange.status}`)];
}

const writtenAs = (fields: Doc, rule: string): Record<string, string> => Object.fromEntries(Object.keys(fields).map((field) => [field, rule]));

function deleted(model: StateModel, held: Held): Violation[] {
  const guards = held.resource === 'kubeclusters' ? model.list(held.tenant, 'kubebackups').filter((backup) => backup.fields['cluster'] === held.id) : [];
  model.remove(held, true);
  held.suspects = [];
  if (guards.length === 0) return [];
  return [server('KC-DELETE-4', `a refusal (409): kubebackups/${guards[0]?.id} refers to kubeclusters/${held.id}`, '204')];
}

function updated(model: StateModel, held: Held, { step, exchange }: WriteContext): Violation[] {
  let body: Doc;
  try {
    body = contentOf(JSON.parse(exchange.request.body ?? '') as Doc);
  } catch {
    return [];
  }
  const before = held.fields;
  if (step.method === 'PATCH') Object.assign(held, { fields: mergeNested(before, body), writtenBy: 'KC-UPDATE-1', writers: { ...held.writers, ...writtenAs(body, 'KC-UPDATE-1') } });
  else Object.assign(held, { fields: body, complete: false, writtenBy: 'KC-UPDATE-3', writers: writtenAs(body, 'KC-UPDATE-3'), ...(held.complete ? { replaced: before } : {}) });
  held.suspects = [];
  const answer = exchange.body as Doc | undefined;
  const violations: Violation[] = [];
  if (answer?.['_etag'] !== undefined && answer['_etag'] === held.etag && !deepEqual(before, held.fields)) {
    violations.push(server('KC-ETAG-1', `a new _etag: ${held.resource}/${held.id} changed`, `the same _etag ${held.etag}`));
  }
  return answer ? [...violations, ...answered(model, held, answer)] : violations;
}

/** A run answers the definition, moved on by the server (its status names the new job). */
function ranDefinition(model: StateModel, { exchange, tenant, id }: WriteContext): Violation[] {
  const held = model.get(id);
  if (!held || held.tenant !== tenant || exchange.status !== 200 || typeof exchange.body !== 'object' || exchange.body === null) return [];
  held.statusMayMove = true;
  return observe(model, held, exchange.body as Doc, false);
}
