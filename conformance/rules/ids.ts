// Which requirement a rule names when the catalogue has more than one candidate, as tables with a reason
// on every row, and the few ids of the proxy's own for what the catalogue has no requirement of.

/** Ids that are not in the catalogue: the spec itself is the contract here. */
export const specRules = {
  'SPEC-ANSWER': 'the answer is not what the spec documents for that operation and status (spec/kubeclusters.openapi.yaml)',
  'SPEC-REQUEST': 'the request is not what the spec documents for that operation (spec/kubeclusters.openapi.yaml)',
  'EVE-ERROR': "an error answer without Eve's error body, for a status no requirement names",
} as const;

/** The requirement an error status belongs to: every one of them promises Eve's error body. */
const errorStatusRules: Record<number, { rule: string; why: string }> = {
  401: { rule: 'KC-AUTH-1', why: 'a request without a valid token answers 401 with the Eve error body' },
  403: { rule: 'KC-AUTH-2', why: 'a refused token answers 401 or 403 with the Eve error body' },
  404: { rule: 'KC-ROUTE-4', why: 'an unknown route or item answers 404 with the Eve error body' },
  405: { rule: 'KC-ROUTE-3', why: 'a method a route does not offer answers 405 with the Eve error body' },
  412: { rule: 'KC-ETAG-3', why: 'a stale If-Match answers 412' },
  422: { rule: 'KC-VALID-1', why: 'validation errors answer 422 with _status ERR and _error.code 422' },
  428: { rule: 'KC-ETAG-2', why: 'a write without If-Match answers 428' },
};

export function errorBodyRule(status: number, method: string): string {
  // 400 is a bad query on reads (KC-QUERY-4) and a bad body on writes (KC-VALID-9).
  if (status === 400) return method === 'GET' ? 'KC-QUERY-4' : 'KC-VALID-9';
  // 409 on DELETE is the guard of a referenced cluster.
  if (status === 409 && method === 'DELETE') return 'KC-DELETE-4';
  return errorStatusRules[status]?.rule ?? 'EVE-ERROR';
}

/** The requirement a body's schema failure breaks, by the ajv keyword that failed. */
const keywordRules: Record<string, { rule: string; why: string }> = {
  unevaluatedProperties: { rule: 'KC-VALID-3', why: 'an unknown field' },
  additionalProperties: { rule: 'KC-VALID-3', why: 'an unknown field' },
  type: { rule: 'KC-VALID-2', why: 'a value of the wrong type' },
  required: { rule: 'KC-VALID-1', why: 'a required field missing (name, or cluster of a backup)' },
  json: { rule: 'KC-VALID-9', why: 'a body that is not JSON' },
  body: { rule: 'KC-VALID-9', why: 'a write without a body' },
};

export function requestBodyRule(keyword: string, at: string, method: string): string {
  if (keyword === 'enum' && /\/backup_provider\/type$/.test(at)) return 'KC-VALID-4';
  // On create, status and a malformed _id are the read-only fields a client may not set.
  if (method === 'POST' && /\/(status|_id)$/.test(at)) return 'KC-CREATE-5';
  return keywordRules[keyword]?.rule ?? 'SPEC-REQUEST';
}

/**
 * The client mistakes a server must refuse (a 2xx to them is the server's violation too). Not every
 * schema failure is one: on PATCH and PUT Eve takes meta fields and `status` sent back unchanged, which
 * the PATCH schema lists as unknown; on POST they are always refused.
 */
export function serverMustRefuse(keyword: string, at: string, method: string): boolean {
  if (keyword === 'type' || keyword === 'required' || keyword === 'json') return true;
  if (keyword !== 'unevaluatedProperties' && keyword !== 'additionalProperties') return false;
  const field = at.split('/').at(-1) ?? '';
  return method === 'POST' || (!field.startsWith('_') && field !== 'status');
}

/** The requirement on If-Match for each write: DELETE has its own, ruled by the profile. */
export function ifMatchRule(method: string): string {
  return method === 'DELETE' ? 'KC-DELETE-2' : 'KC-ETAG-2';
}
