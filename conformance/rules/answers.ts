// Rules on one answer, needing nothing but the exchange: created items, item headers, error bodies,
// conditional GET and the If-Match precondition.
import type { Exchange } from '../client.js';
import { errorBodyRule, ifMatchRule } from './ids.js';
import { addressOf, bareEtag, docsOf, isSuccess, server, show } from './rule.js';
import type { Rule, RuleContext } from './rule.js';

const isItemGet = (exchange: Exchange) => exchange.request.method === 'GET' && exchange.status === 200 && addressOf(exchange).kind === 'item';

/** KC-CREATE-1: a POST answered 201 names the new item (the first, for a bulk create) in Location. */
export const locationOfCreated: Rule = (exchange) => {
  const address = addressOf(exchange);
  if (exchange.request.method !== 'POST' || exchange.status !== 201 || address.kind !== 'collection') return [];
  const id = docsOf(exchange.body)[0]?.['_id'];
  const location = exchange.headers.get('Location');
  const expected = `header Location: a URL whose path ends in /${address.resource}/${id}`;
  if (location === null) return [server('KC-CREATE-1', expected, 'no Location header')];
  const path = new URL(location, exchange.request.url).pathname;
  return path.endsWith(`/${address.resource}/${id}`) ? [] : [server('KC-CREATE-1', expected, `Location: ${location}`)];
};

/** KC-READ-1: GET item answers an ETag header; wherever an ETag header comes with a body `_etag`, they are equal. */
export const etagHeader: Rule = (exchange) => {
  const etag = exchange.headers.get('ETag');
  const bodyEtag = exchange.body?._etag;
  if (etag === null) return isItemGet(exchange) ? [server('KC-READ-1', `header ETag: "${bodyEtag}" (the body's _etag)`, 'no ETag header')] : [];
  if (typeof bodyEtag !== 'string' || bareEtag(etag) === bodyEtag) return [];
  return [server('KC-READ-1', `header ETag: "${bodyEtag}" (the body's _etag)`, `ETag: ${etag}`)];
};

/** KC-READ-4: GET item answers Last-Modified equal to `_updated`. */
export const lastModified: Rule = (exchange) => {
  if (!isItemGet(exchange)) return [];
  const value = exchange.headers.get('Last-Modified');
  const updated = exchange.body?._updated;
  if (value === updated) return [];
  return [server('KC-READ-4', `header Last-Modified: equal to _updated (${updated})`, value === null ? 'no Last-Modified header' : `Last-Modified: ${value}`)];
};

/**
 * Every error answer carries Eve's body `{_status: "ERR", _error: {code: <status>, message}}`; the requirement
 * depends on the status. A 422 to PATCH or PUT is `_status` and `_issues` only, as Eve answers it (eve-contract.md).
 */
export const eveErrorBody: Rule = (exchange) => {
  if (exchange.status < 400) return [];
  const body = exchange.body;
  const error = body?._error;
  const updateRefused = exchange.status === 422 && ['PATCH', 'PUT'].includes(exchange.request.method);
  const ok = body?._status === 'ERR' && (updateRefused ? typeof body?._issues === 'object' && body._issues !== null : error?.code === exchange.status && typeof error?.message === 'string');
  if (ok) return [];
  const shape = updateRefused ? '{_status: "ERR", _issues: {…}}' : `{_status: "ERR", _error: {code: ${exchange.status}, message}}`;
  const answer = `${exchange.status} ${exchange.text.length > 200 ? `${exchange.text.slice(0, 200)}…` : exchange.text || '(no body)'}`;
  return [server(errorBodyRule(exchange.status, exchange.request.method), `an Eve error body ${shape}`, answer)];
};

/** KC-READ-3: a GET whose If-None-Match names the ETag the answer carries must have answered 304. */
export const conditionalGet: Rule = (exchange) => {
  const ifNoneMatch = exchange.request.headers[headerName(exchange.request.headers, 'If-None-Match')];
  if (!isItemGet(exchange) || ifNoneMatch === undefined || ifNoneMatch.includes(',')) return [];
  const etag = exchange.body?._etag;
  return bareEtag(ifNoneMatch) === etag ? [server('KC-READ-3', `304 with no body (If-None-Match: ${ifNoneMatch} is the current ETag)`, `200 with _etag ${etag}`)] : [];
};

/**
 * KC-ETAG-2, KC-DELETE-2: a write the profile guards, sent without If-Match, must not succeed (428);
 * a DELETE of a document the tenant is known not to hold owes no 428 (nothing is deleted).
 */
export const ifMatchEnforced: Rule = (exchange, context) => {
  if (!isSuccess(exchange) || !needsIfMatch(exchange, context) || hasIfMatch(exchange)) return [];
  if (exchange.request.method === 'DELETE' && context.holdsDocument?.(exchange) === false) return [];
  return [server(ifMatchRule(exchange.request.method), `428 (${exchange.request.method} without If-Match)`, `${exchange.status}`)];
};

/** KC-AUTH-1: an operation that documents 401 does not succeed without a token. */
export const tokenRequired: Rule = (exchange) => {
  const operation = addressOf(exchange).operation;
  if (!isSuccess(exchange) || !operation?.statuses.includes('401') || exchange.request.headers[headerName(exchange.request.headers, 'Authorization')] !== undefined) return [];
  return [server('KC-AUTH-1', `401 with a WWW-Authenticate challenge (${exchange.request.method} without a token)`, `${exchange.status}`)];
};

/** KC-STATE-1: a cluster is created REGISTERED, with its agent URL. */
export const newClusterRegistered: Rule = (exchange) => {
  const address = addressOf(exchange);
  if (exchange.request.method !== 'POST' || exchange.status !== 201 || address.resource !== 'kubeclusters') return [];
  return docsOf(exchange.body)
    .filter((doc) => doc['status']?.state !== 'REGISTERED' || !Object.keys(doc['status'] ?? {}).some((key) => key.toLowerCase() === 'agenturl'))
    .map((doc) => server('KC-STATE-1', `a new cluster with status.state REGISTERED and status.agentURL (${doc['_id']})`, `status ${show(doc['status'])}`));
};

/** SPEC-ANSWER: where the answer differs from what the spec documents (the exchange's specProblems). */
export const specAnswer: Rule = (exchange) =>
  exchange.specProblems.length === 0 ? [] : [server('SPEC-ANSWER', 'an answer as the spec documents it', `${exchange.status}: ${exchange.specProblems.join('; ')}`)];

/** Whether the profile requires If-Match on this request: PATCH and PUT always, DELETE when `deleteRequiresIfMatch`. */
export function needsIfMatch(exchange: Exchange, context: RuleContext): boolean {
  const method = exchange.request.method;
  if (!['PATCH', 'PUT', 'DELETE'].includes(method) || !addressOf(exchange).operation?.parameters.includes('If-Match')) return false;
  // A PUT answered 201 created the document (a profile with upsertOnPut): there was no ETag to send.
  if (method === 'PUT' && exchange.status === 201) return false;
  return method !== 'DELETE' || context.profile.deleteRequiresIfMatch;
}

export function hasIfMatch(exchange: Exchange): boolean {
  return exchange.request.headers[headerName(exchange.request.headers, 'If-Match')] !== undefined;
}

/** The key under which `headers` holds `name`, in whatever case the client wrote it. */
export function headerName(headers: Record<string, string>, name: string): string {
  return Object.keys(headers).find((key) => key.toLowerCase() === name.toLowerCase()) ?? name;
}
