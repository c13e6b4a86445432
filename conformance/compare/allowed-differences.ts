// The differences between the mock (side A, --base-url) and the Eve reference (side B, --against) that
// are intended: one row each, with the reason and a matcher as narrow as the reason (which request
// shape, which part of the answer, which values). Everything else a replay finds is a defect.
import type { Delta } from './differ.js';
import type { Normalised } from './normalise.js';
import { SAME_PUT_AGAIN } from './operations.js';
import type { Step } from './steps.js';

export interface DifferenceContext {
  step: Step;
  delta: Delta;
  a: Normalised;
  b: Normalised;
}

export interface AllowedDifference {
  id: string;
  reason: string;
  matches(context: DifferenceContext): boolean;
}

const isBody = (delta: Delta) => /^body\b/.test(delta.part);
const statusIs = (delta: Delta, a: number, b: number) => delta.part === 'status' && delta.a === a && delta.b === b;
const shapeEndsWith = (step: Step, text: string) => step.shape.endsWith(text);
/** The parts of a list answer that follow from which documents matched (Eve's `_links` carry the query only when some did). */
const isListResult = (delta: Delta) =>
  /^body (_items|_links)\b/.test(delta.part) || delta.part === 'body _meta.total' || delta.part === 'header x-total-count' || delta.part === 'header last-modified';
const issuesText = (answer: Normalised) => JSON.stringify((answer.body as { _items?: unknown } | undefined)?._items ?? '');
const errorMessage = (answer: Normalised) => (answer.body as { _error?: { message?: unknown } } | undefined)?._error?.message;
/** Every field the step sent is in the answer with the value sent: the document is what the previous identical PUT left. */
const answerHoldsSentFields = (step: Step, answer: Normalised) => {
  const sent = JSON.parse(step.body ?? 'null') as Record<string, unknown> | null;
  const held = answer.body as Record<string, unknown> | undefined;
  return sent !== null && held !== undefined && Object.entries(sent).every(([key, value]) => JSON.stringify(held[key]) === JSON.stringify(value));
};
/** The name a bulk POST repeats (its first and second document's). */
const repeatedName = (step: Step) => {
  const docs = JSON.parse(step.body ?? '[]') as Array<{ name?: unknown }>;
  return Array.isArray(docs) && docs.length === 2 && docs[0]?.name === docs[1]?.name ? String(docs[0]?.name) : undefined;
};
const mongomockDeparture = (shape: string) => (c: DifferenceContext) =>
  (c.step.method === 'GET' || c.step.method === 'HEAD') && c.step.shape.includes(`?${shape}`) && c.a.status === 200 && isListResult(c.delta);

export const allowedDifferences: readonly AllowedDifference[] = [
  {
    id: 'stub-api-docs',
    reason: "The reference's /api-docs is a stub with no paths; the mock serves the kubeclusters OpenAPI document.",
    matches: ({ step, delta }) => step.path === '/api-docs' && step.method === 'GET' && isBody(delta),
  },
  {
    id: 'stub-cloudcasa-images',
    reason: "The reference's list of agent images is a stub; the mock lists the images its manifest uses.",
    matches: ({ step, delta }) => step.path.endsWith('/kubeclusters/cloudcasa-images') && step.method === 'GET' && isBody(delta),
  },
  {
    id: 'stub-agent-manifest',
    reason: "The reference's agent manifest is a stub; the mock's has imagePullSecrets and the registry (clients' manifest contract).",
    matches: ({ step, delta }) => step.path.startsWith('/kubeclusteragents/') && (isBody(delta) || delta.part === 'header content-type'),
  },
  {
    id: 'names-unique-per-tenant',
    reason: "Names are unique per tenant on the mock (a tenant must not learn another's names); the reference's Eve `unique` rule spans tenants.",
    matches: ({ step, delta, b }) =>
      step.sender === 'b' && ['POST', 'PATCH', 'PUT'].includes(step.method) && delta.part === 'status' && delta.b === 422 &&
      /is not unique/.test(JSON.stringify((b.body as { _issues?: unknown } | undefined)?._issues ?? '')),
  },
  {
    id: 'regions-per-cloud',
    reason: 'The mock accepts only regions of the chosen cloud (seed: "a valid AWS/Azure region"); the reference accepts any string.',
    matches: ({ step, delta }) => shapeEndsWith(step, ': region of another cloud') && step.method === 'POST' && statusIs(delta, 422, 201),
  },
  {
    id: 'specific-error-message',
    reason: "On 400 and 409 the mock's _error.message says what is wrong (eve-contract.md, Errors); only the text may differ, never the status, code or shape.",
    matches: ({ delta, a }) => (a.status === 400 || a.status === 409) && delta.part === 'body _error.message' && typeof delta.a === 'string' && typeof delta.b === 'string',
  },
  {
    id: 'reference-500-json-number',
    reason: "The reference crashes (500) on the JSON body `1`; the mock answers Cerberus' 422 as the reference does for any other value that is not a document ('x').",
    matches: ({ step, delta }) => shapeEndsWith(step, ': JSON number 1') && statusIs(delta, 422, 500),
  },
  {
    id: 'reference-500-empty-or',
    reason: 'The reference crashes (500) on `where={"$or": []}`; the mock answers 400 (MongoDB refuses an empty $or array).',
    matches: ({ step, delta }) => step.shape.includes('?where $or empty') && statusIs(delta, 400, 500),
  },
  {
    id: 'reference-500-invalid-regex',
    reason: 'The reference crashes (500) on an invalid $regex; the mock answers 400 naming where.',
    matches: ({ step, delta }) => step.shape.includes('?where invalid regex') && statusIs(delta, 400, 500),
  },
  {
    id: 'mongomock-empty-document-equality',
    reason: 'MongoDB: `{"tags": {}}` matches only documents whose tags equal the empty document (equality on embedded documents); mongomock also matches documents without tags.',
    matches: mongomockDeparture('where tags empty object'),
  },
  {
    id: 'mongomock-embedded-key-order',
    reason: 'MongoDB: equality on an embedded document needs the same fields in the same order; mongomock ignores the order.',
    matches: mongomockDeparture('where embedded document'),
  },
  {
    id: 'mongomock-size-on-document',
    reason: 'MongoDB: $size matches arrays only; mongomock also matches an embedded document by its number of fields.',
    matches: mongomockDeparture('where $size on a document'),
  },
  {
    id: 'policy-is-a-reference',
    reason:
      "A backup definition's `policy` is a policy's _id on the mock (the Terraform provider's flows; a dangling or malformed one is 422); the reference, which has no policies, keeps any string. Later answers then differ in that one field.",
    matches: ({ step, delta }) =>
      step.resource === 'kubebackups' &&
      ((shapeEndsWith(step, ': policy name') && statusIs(delta, 422, 200)) || (/^body (_items\[\]\.)?policy$/.test(delta.part) && delta.a === undefined)),
  },
  {
    id: 'mongomock-not-plain-value',
    reason: 'MongoDB refuses $not with a plain value ($not needs a regex or an operator document), so the mock answers 400; mongomock crashes (500).',
    matches: ({ step, delta }) => step.shape.includes('?where $not with a plain value') && statusIs(delta, 400, 500),
  },
  {
    id: 'bulk-repeated-name',
    reason:
      "A bulk POST naming one name twice: Eve's `unique` rule looks only at stored documents, so the reference stores both (a real deployment's unique index refuses the second); the mock refuses the repeat with 422 naming it, storing neither. compare deletes what the reference stored at once.",
    matches: ({ step, a, b }) => {
      const name = repeatedName(step);
      return step.shape === 'POST kubeclusters: bulk repeated name' && a.status === 422 && b.status === 201 && name !== undefined && issuesText(a).includes(`value '${name}' is not unique`);
    },
  },
  {
    id: 'eve-same-second-noop-put',
    reason:
      "Eve 2.3 answers 412 \"Client and server etags don't match\" to a PUT whose document equals the one the previous PUT stored, in the same second (its Mongo layer counts 0 modified documents); the mock takes the write (profile option noopWriteConflict: off in every built-in profile). Both keep the same document.",
    matches: ({ step, a, b }) =>
      step.method === 'PUT' && shapeEndsWith(step, `: ${SAME_PUT_AGAIN}`) && a.status === 200 && b.status === 412 &&
      errorMessage(b) === "Client and server etags don't match" && answerHoldsSentFields(step, a),
  },
];

/** The row that allows this difference, if any. */
export function allowedBy(context: DifferenceContext, rows: readonly AllowedDifference[] = allowedDifferences): AllowedDifference | undefined {
  return rows.find((row) => row.matches(context));
}
