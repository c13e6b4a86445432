// Where the contract allows more than one answer that the model alone cannot tell apart: one table,
// a reason on every row. Everything else the model expects exactly.
import type { Exchange } from '../client.js';
import type { ExploreStep } from './steps.js';
import type { Held } from './model.js';

interface ListRow {
  id: string;
  reason: string;
  applies(params: URLSearchParams, held: readonly Held[]): boolean;
}

const whereOf = (params: URLSearchParams) => params.get('where') ?? '';
const mentionsStatus = (params: URLSearchParams) => /status/.test(`${whereOf(params)} ${params.get('sort') ?? ''}`);

export const listRows: readonly ListRow[] = [
  {
    id: 'status-on-the-move',
    reason: 'A cluster whose agent URL was fetched moves on by itself (the activation delay): until it is read again, a query on status may see either state.',
    applies: (params, held) => mentionsStatus(params) && held.some((h) => h.statusMayMove),
  },
  {
    id: 'mongomock-empty-document',
    reason: 'The Eve reference (mongomock) also matches documents without the field for {"tags": {}}; MongoDB does not (compare allow-list mongomock-empty-document-equality).',
    applies: (params) => /"tags":\s*\{\}/.test(whereOf(params)),
  },
  {
    id: 'mongomock-embedded-key-order',
    reason: 'The Eve reference (mongomock) ignores key order when matching an embedded document; MongoDB does not (compare allow-list mongomock-embedded-key-order).',
    applies: (params) => /"backup_provider":\s*\{/.test(whereOf(params)),
  },
  {
    id: 'mongomock-size',
    reason: 'The Eve reference (mongomock) applies $size to strings and documents; MongoDB to arrays only (compare allow-list mongomock-size-on-document).',
    applies: (params) => whereOf(params).includes('$size'),
  },
];

/** The row that lets this list answer differ from the model's, if any. */
export function listTolerance(params: URLSearchParams, held: readonly Held[]): string | undefined {
  return listRows.find((row) => row.applies(params, held))?.id;
}

interface CrashRow {
  id: string;
  reason: string;
  applies(exchange: Exchange): boolean;
}

/** Whether the request's `where`, without its white space, contains `text`. */
const whereIncludes = (text: string) => (exchange: Exchange) => (new URL(exchange.request.url).searchParams.get('where') ?? '').replace(/\s/g, '').includes(text);

/** 5xx answers the Eve reference gives where the mock answers 4xx; a 5xx anywhere else is a violation. */
export const crashRows: readonly CrashRow[] = [
  { id: 'reference-500-empty-or', reason: 'The reference crashes on where={"$or": []} (the mock answers 400).', applies: whereIncludes('"$or":[]') },
  { id: 'reference-500-invalid-regex', reason: 'The reference crashes on an invalid $regex (the mock answers 400).', applies: whereIncludes('"$regex":"("') },
  { id: 'reference-500-not-plain-value', reason: 'The reference crashes on $not with a plain value (the mock answers 400).', applies: whereIncludes('"$not":"') },
  { id: 'reference-500-json-number', reason: 'The reference crashes on a POST body that is the JSON number 1 (the mock answers 422).', applies: (exchange) => exchange.request.method === 'POST' && exchange.request.body?.trim() === '1' },
];

export function crashTolerance(exchange: Exchange): string | undefined {
  return crashRows.find((row) => row.applies(exchange))?.id;
}

interface LeftOutRow {
  id: string;
  reason: string;
  applies(step: ExploreStep): boolean;
}

/** Steps of compare's table explore does not send: their answer is open in a way the spec cannot say. */
export const leftOutRows: readonly LeftOutRow[] = [
  {
    id: 'policy-is-a-reference',
    reason: "A backup definition's policy by name: the reference keeps any string (and answers it against the spec's id pattern), the mock needs a policy's _id (compare allow-list policy-is-a-reference).",
    applies: (step) => step.shape.endsWith(': policy name'),
  },
];

export const leftOut = (step: ExploreStep) => leftOutRows.some((row) => row.applies(step));

