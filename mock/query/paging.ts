// `max_results` and `page` read as Eve reads them (never an error), and the `_links` Eve renders for a page.

export const DEFAULT_MAX_RESULTS = 25;
export const MAX_RESULTS_CAP = 50;

export interface Paging {
  page: number;
  maxResults: number;
}

/** Eve: `max_results` = int(float(x)) if positive, else 25, cut to 50; `page` = abs(int(x)) or 1. */
export function parsePaging(raw: { max_results?: string | undefined; page?: string | undefined }): Paging {
  return { page: parsePage(raw.page), maxResults: parseMaxResults(raw.max_results) };
}

function parseMaxResults(raw: string | undefined): number {
  const value = raw === undefined || raw.trim() === '' ? Number.NaN : Math.trunc(Number(raw));
  if (!Number.isFinite(value) || value <= 0) return DEFAULT_MAX_RESULTS;
  return Math.min(value, MAX_RESULTS_CAP);
}

function parsePage(raw: string | undefined): number {
  if (raw === undefined || !/^\s*[+-]?\d+\s*$/.test(raw)) return 1;
  const page = Math.abs(Number.parseInt(raw, 10));
  return Number.isSafeInteger(page) && page > 0 ? page : 1;
}

export interface Link {
  title: string;
  href: string;
}

export interface ListLinks {
  parent: Link;
  self: Link;
  next?: Link;
  prev?: Link;
  last?: Link;
}

/** Parameters Eve reads itself; any other parameter is carried into the links as given. */
const EVE_PARAMETERS = new Set(['where', 'sort', 'page', 'max_results', 'embedded', 'projection', 'version']);

export function listLinks(args: { resource: string; title: string; queryString: string; page: number; maxResults: number; total: number }): ListLinks {
  const params = new URLSearchParams(args.queryString);
  const href = (page: number) => `${args.resource}${queryDef(params, args.maxResults, page)}`;
  const links: ListLinks = {
    parent: { title: 'home', href: '/' },
    self: { title: args.title, href: args.total > 0 ? href(args.page) : args.resource },
  };
  if (args.page * args.maxResults < args.total) {
    links.next = { title: 'next page', href: href(args.page + 1) };
    links.last = { title: 'last page', href: href(Math.ceil(args.total / args.maxResults)) };
  }
  if (args.page > 1) links.prev = { title: 'previous page', href: href(args.page - 1) };
  return links;
}

/** Eve's `querydef`: max_results (when not the default), where, sort, page (when past 1), then the rest, unescaped. */
function queryDef(params: URLSearchParams, maxResults: number, page: number): string {
  const parts: string[] = [];
  if (maxResults !== DEFAULT_MAX_RESULTS) parts.push(`max_results=${maxResults}`);
  const where = params.get('where');
  if (where) parts.push(`where=${where}`);
  const sort = params.get('sort');
  if (sort) parts.push(`sort=${sort}`);
  if (page > 1) parts.push(`page=${page}`);
  for (const [key, value] of params) if (!EVE_PARAMETERS.has(key)) parts.push(`${key}=${value}`);
  return parts.length === 0 ? '' : `?${parts.join('&')}`;
}
