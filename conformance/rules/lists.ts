// Rules on one list answer: the envelope, paging as Eve reads it, and _items, _links and headers
// consistent with _meta.
import { parsePaging } from '../../mock/query/paging.js';
import type { Exchange } from '../client.js';
import { addressOf, server, show } from './rule.js';
import type { Rule, Violation } from './rule.js';

const isListAnswer = (exchange: Exchange) => exchange.request.method === 'GET' && exchange.status === 200 && addressOf(exchange).kind === 'collection';

interface Meta {
  page: number;
  max_results: number;
  total: number;
}

function metaOf(exchange: Exchange): Meta | undefined {
  const meta = exchange.body?._meta;
  const whole = (value: unknown) => Number.isInteger(value) && (value as number) >= 0;
  return meta && whole(meta.page) && whole(meta.max_results) && whole(meta.total) ? (meta as Meta) : undefined;
}

/** How many items a page must hold, by its _meta. */
function itemsExpected(meta: Meta): number {
  return Math.max(0, Math.min(meta.max_results, meta.total - (meta.page - 1) * meta.max_results));
}

/** KC-LIST-1: `_items` (a list), `_meta {page, max_results, total}` (whole numbers), `_links` with self and parent. */
export const listEnvelope: Rule = (exchange) => {
  if (!isListAnswer(exchange)) return [];
  const body = exchange.body;
  const problems: Violation[] = [];
  if (!Array.isArray(body?._items)) problems.push(server('KC-LIST-1', '_items: a list', `_items = ${show(body?._items)}`));
  if (!metaOf(exchange)) problems.push(server('KC-LIST-1', '_meta {page, max_results, total} of whole numbers', `_meta = ${show(body?._meta)}`));
  if (body?._links?.self === undefined || body?._links?.parent === undefined) problems.push(server('KC-LIST-1', '_links with self and parent', `_links = ${show(body?._links)}`));
  return problems;
};

/** KC-LIST-4: `_meta.page` and `_meta.max_results` are the request's `page` and `max_results` as Eve reads them (default 25, at most 50). */
export const listPaging: Rule = (exchange) => {
  const meta = metaOf(exchange);
  if (!isListAnswer(exchange) || !meta) return [];
  const query = addressOf(exchange).query;
  const asked = parsePaging({ page: query.get('page') ?? undefined, max_results: query.get('max_results') ?? undefined });
  if (meta.page === asked.page && meta.max_results === asked.maxResults) return [];
  const request = `page=${query.get('page') ?? '(none)'}, max_results=${query.get('max_results') ?? '(none)'}`;
  return [server('KC-LIST-4', `_meta {page: ${asked.page}, max_results: ${asked.maxResults}} for ${request}`, `_meta = ${show(exchange.body?._meta)}`)];
};

/** KC-LIST-2: a page holds exactly the items its _meta says: max_results, fewer on the last page, none past it. */
export const listCounts: Rule = (exchange) => {
  const meta = metaOf(exchange);
  const items = exchange.body?._items;
  if (!isListAnswer(exchange) || !meta || !Array.isArray(items)) return [];
  const expected = itemsExpected(meta);
  return items.length === expected ? [] : [server('KC-LIST-2', `${expected} items on page ${meta.page} (max_results ${meta.max_results}, total ${meta.total})`, `${items.length} items`)];
};

/** KC-LIST-3: next and last while more pages follow (last naming the last page), prev after page 1. */
export const listLinks: Rule = (exchange) => {
  const meta = metaOf(exchange);
  const links = exchange.body?._links;
  if (!isListAnswer(exchange) || !meta || !links) return [];
  const more = meta.page * meta.max_results < meta.total;
  const lastPage = Math.ceil(meta.total / meta.max_results);
  const wanted = { next: more, last: more, prev: meta.page > 1 };
  const wrong = (Object.keys(wanted) as Array<keyof typeof wanted>).filter((name) => (links[name] !== undefined) !== wanted[name]);
  const lastHref = String(links.last?.href ?? '');
  if (more && links.last !== undefined && !new RegExp(`[?&]page=${lastPage}(&|$)`).test(lastHref)) wrong.push('last');
  if (wrong.length === 0) return [];
  const expected = `_links with ${more ? `next and last (page=${lastPage})` : 'neither next nor last'} and ${wanted.prev ? 'prev' : 'no prev'} (page ${meta.page}, max_results ${meta.max_results}, total ${meta.total})`;
  return [server('KC-LIST-3', expected, `_links = ${show(links)}`)];
};

/** KC-LIST-6: X-Total-Count, when sent, is _meta.total; Last-Modified, when sent, the latest _updated on the page. */
export const listHeaders: Rule = (exchange) => {
  const meta = metaOf(exchange);
  if (!isListAnswer(exchange) || !meta) return [];
  const problems: Violation[] = [];
  const total = exchange.headers.get('X-Total-Count');
  if (total !== null && total !== String(meta.total)) problems.push(server('KC-LIST-6', `X-Total-Count: ${meta.total} (_meta.total, the number of matches)`, `X-Total-Count: ${total}`));
  const lastModified = exchange.headers.get('Last-Modified');
  const dates = (Array.isArray(exchange.body?._items) ? exchange.body._items : []).map((item: { _updated?: string }) => Date.parse(item?._updated ?? '')).filter(Number.isFinite);
  if (lastModified !== null && dates.length > 0) {
    const latest = Math.max(...dates);
    if (Date.parse(lastModified) !== latest) problems.push(server('KC-LIST-6', `Last-Modified equal to the latest _updated on the page (${new Date(latest).toUTCString()})`, `Last-Modified: ${lastModified}`));
  }
  return problems;
};
