// A list answer against the model's answer to the same query, computed with the mock's own query
// engine (where, sort, paging, projection) over what the model holds for that tenant.
import { parsePaging } from '../../mock/query/paging.js';
import { parseProjection } from '../../mock/query/projection.js';
import type { Projection } from '../../mock/query/projection.js';
import { compareBy, parseSort } from '../../mock/query/sort.js';
import type { SortKey } from '../../mock/query/sort.js';
import { parseWhere } from '../../mock/query/where.js';
import type { Exchange } from '../client.js';
import { server, show } from '../rules/rule.js';
import type { Doc, Violation } from '../rules/rule.js';
import { listTolerance } from './tolerated.js';
import { asStored } from './model.js';
import type { Held } from './model.js';

const LIMITS = { maxLength: 10_000, maxDepth: 16, maxRegexLength: 1_000 };

interface Query {
  where?: (doc: Doc) => boolean;
  sort: SortKey[];
  projection?: Projection;
}

/** The query as the mock reads it, or the violation of a server that answered 200 to one it had to refuse. */
export function readQuery(params: URLSearchParams): Query | Violation {
  const query: Query = { sort: [] };
  const refused = (rule: string, parameter: string) => server(rule, `400 for ${parameter}=${params.get(parameter)} (the mock's engine refuses it)`, '200');
  try {
    const where = params.get('where');
    if (where !== null) query.where = parseWhere(where, LIMITS).predicate;
  } catch {
    return refused('KC-QUERY-4', 'where');
  }
  try {
    query.sort = parseSort(params.get('sort') ?? '');
  } catch {
    return refused('KC-QUERY-5', 'sort');
  }
  try {
    const projection = params.get('projection');
    if (projection !== null) query.projection = parseProjection(projection);
  } catch {
    return refused('KC-QUERY-6', 'projection');
  }
  return query;
}

/** Which requirement a wrong set of matches breaks: the where feature it used, or paging without one. */
function whereRule(where: string | null): string {
  if (where === null || where.trim() === '' || where.trim() === '{}') return 'KC-LIST-2';
  if (!where.trim().startsWith('{')) return 'KC-QUERY-7';
  if (where.includes('$regex')) return 'KC-QUERY-2';
  return where.includes('$') || where.includes('.') ? 'KC-QUERY-3' : 'KC-QUERY-1';
}

/** Creates a client may make in more than one way (MAY): a document of theirs missing is their rule's. */
const OWN_RULE_WRITES = new Set(['KC-CREATE-8', 'KC-CREATE-9']);

/** The rule of a held document the page should show and does not, when a request is suspected of removing it. */
function missingRule(held: readonly Held[], expected: readonly string[], got: readonly string[]): { rule: string; doc: Held } | undefined {
  for (const id of expected.filter((e) => !got.includes(e))) {
    const doc = held.find((h) => h.id === id);
    const rule = doc?.suspects.at(-1) ?? (doc && OWN_RULE_WRITES.has(doc.writtenBy) ? doc.writtenBy : undefined);
    if (doc && rule) return { rule, doc };
  }
  return undefined;
}

export function judgeListItems(exchange: Exchange, held: readonly Held[], query: Query, vanish: (doc: Held) => void): Violation[] {
  const params = new URL(exchange.request.url).searchParams;
  const items: Doc[] = Array.isArray(exchange.body?._items) ? exchange.body._items : [];
  const meta = exchange.body?._meta as Doc | undefined;
  const tolerance = listTolerance(params, held);
  if (tolerance) return [];
  const matches = held.map(asStored).filter((doc) => !query.where || query.where(doc));
  const sorted = query.sort.length === 0 ? matches : [...matches].sort(compareBy(query.sort));
  const { page, maxResults } = parsePaging({ page: params.get('page') ?? undefined, max_results: params.get('max_results') ?? undefined });
  const expected = sorted.slice((page - 1) * maxResults, page * maxResults).map((doc) => doc['_id'] as string);
  const got = items.map((item) => String(item['_id']));
  const rule = whereRule(params.get('where'));
  const violations: Violation[] = [];
  const missing = missingRule(held, expected, got);
  if (missing) {
    vanish(missing.doc);
    return [server(missing.rule, `${missing.doc.resource}/${missing.doc.id} listed (nothing deleted it)`, `a page without it: ${show(got)}`)];
  }
  const pageRight = show(got) === show(expected);
  if (meta && meta['total'] !== matches.length) violations.push(server(pageRight ? 'KC-LIST-2' : rule, `_meta.total ${matches.length} (the model's matches)`, `_meta.total ${show(meta['total'])}`));
  if (!pageRight) {
    const matched = new Set(matches.map((doc) => doc['_id']));
    const stray = got.filter((id) => !matched.has(id));
    const sortedRule = stray.length === 0 && query.sort.length > 0 && !isSorted(items, query.sort) ? 'KC-QUERY-5' : stray.length > 0 ? rule : 'KC-LIST-2';
    violations.push(server(sortedRule, `page ${page} (max_results ${maxResults}): ${show(expected)}`, show(got)));
  }
  if (query.projection) violations.push(...projectionProblems(items, query.projection));
  return violations;
}

function isSorted(items: Doc[], sort: SortKey[]): boolean {
  const compare = compareBy(sort);
  return items.every((item, i) => i === 0 || compare(items[i - 1] as Doc, item) <= 0);
}

function projectionProblems(items: Doc[], projection: Projection): Violation[] {
  if (projection.fields.size === 0) return [];
  const wrong = items.flatMap((item) => Object.keys(item).filter((field) => !field.startsWith('_') && projection.fields.has(field) !== (projection.mode === 'include')));
  if (wrong.length === 0) return [];
  const named = [...projection.fields].join(', ');
  return [server('KC-QUERY-6', `items ${projection.mode === 'include' ? `with no field but ${named}` : `without ${named}`} (and the meta fields)`, `fields ${show([...new Set(wrong)])}`)];
}
