// An answer reduced to what two servers should agree on: the status, the headers clients rely on and
// the body, with ids, etags, dates and the origin of every absolute URL replaced by symbols.
import type { Exchange } from '../client.js';
import type { SymbolTable } from './symbols.js';

export interface Normalised {
  status: number;
  /** Only the compared headers, lower-case names, normalised values; a missing header has no key. */
  headers: Record<string, string>;
  /** JSON with symbols, the text of a non-JSON answer, or undefined when empty. */
  body: unknown;
}

export interface NormaliseContext {
  symbols: SymbolTable;
  /** The server's origin (`http://127.0.0.1:5011`): a relative `Location` is read against it. */
  origin: string;
}

const HTTP_DATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const AGENT_PATH = /\/kubeclusteragents\/agent-[^/]+\/[^/]+\.yaml$/;
const HEX_ID = /\b[a-f0-9]{24}\b/g;
const HEX_ETAG = /^[a-f0-9]{40}$/;
/**
 * The origin of an absolute URL, whatever host it names: a server behind a reverse proxy, or one that
 * knows its public name, puts a host in `agentURL` and `Location` that need not be the client's base URL.
 */
const ABSOLUTE_ORIGIN = /^https?:\/\/[^/?#\s]+(?=[/?#]|$)/i;
/** Headers whose values are compared as they are (after trimming). */
const VERBATIM = ['www-authenticate', 'cache-control', 'x-total-count'];

export function normalise(exchange: Exchange, context: NormaliseContext): Normalised {
  const body = exchange.text === '' ? undefined : normaliseValue(exchange.body, context);
  return { status: exchange.status, headers: normaliseHeaders(exchange, context), body };
}

export function normaliseValue(value: unknown, context: NormaliseContext): unknown {
  if (typeof value === 'string') return normaliseString(value, context);
  if (Array.isArray(value)) return value.map((item) => normaliseValue(item, context));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, normaliseValue(inner, context)]));
  }
  return value;
}

function normaliseString(text: string, context: NormaliseContext): string {
  if (HTTP_DATE.test(text)) return '<date>';
  if (HEX_ETAG.test(text)) return context.symbols.etagName(text) ?? text;
  const absolute = ABSOLUTE_ORIGIN.test(text);
  if (absolute && AGENT_PATH.test(text)) return '<origin>/kubeclusteragents/agent-<short>/<token>.yaml';
  const local = absolute ? text.replace(ABSOLUTE_ORIGIN, '<origin>') : text;
  return local.replace(HEX_ID, (id) => context.symbols.idName(id) ?? id);
}

function normaliseHeaders(exchange: Exchange, context: NormaliseContext): Record<string, string> {
  const { headers } = exchange;
  const result: Record<string, string> = {};
  const contentType = headers.get('content-type');
  const hasEntity = exchange.status !== 204 && exchange.status !== 304 && (exchange.text !== '' || exchange.request.method === 'HEAD');
  if (contentType !== null && hasEntity) result['content-type'] = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  const location = headers.get('location');
  if (location !== null) result['location'] = normaliseString(new URL(location, context.origin).pathname, context);
  const etag = headers.get('etag');
  if (etag !== null) result['etag'] = etagHeader(etag, exchange.body, context);
  const lastModified = headers.get('last-modified');
  if (lastModified !== null) result['last-modified'] = lastModifiedHeader(lastModified, exchange.body);
  const allow = headers.get('allow');
  if (allow !== null) result['allow'] = allowSet(allow);
  for (const name of VERBATIM) {
    const value = headers.get(name);
    if (value !== null) result[name] = value.trim();
  }
  return result;
}

/** The etag's symbol, quoted as sent, and whether it equals the body's `_etag` when there is one. */
function etagHeader(value: string, body: unknown, context: NormaliseContext): string {
  const bare = value.replace(/^W\//, '').replace(/"/g, '');
  const shown = value.replace(bare, context.symbols.etagName(bare) ?? '<etag not seen in any body>');
  const bodyEtag = field(body, '_etag');
  if (bodyEtag === undefined) return shown;
  return bodyEtag === bare ? `${shown} (= _etag)` : `${shown} (≠ _etag)`;
}

/** Whether Last-Modified is an HTTP date equal to the body's `_updated`, or the latest `_updated` of a list page. */
function lastModifiedHeader(value: string, body: unknown): string {
  if (!HTTP_DATE.test(value)) return `not an HTTP date: ${value}`;
  const updated = field(body, '_updated');
  if (typeof updated === 'string') return updated === value ? '<date> (= _updated)' : '<date> (≠ _updated)';
  const items = field(body, '_items');
  if (Array.isArray(items) && items.length > 0) {
    const latest = Math.max(...items.map((item) => Date.parse(String(field(item, '_updated')))));
    return Date.parse(value) === latest ? '<date> (= latest _items._updated)' : '<date> (≠ latest _items._updated)';
  }
  return '<date>';
}

function allowSet(value: string): string {
  return [...new Set(value.split(',').map((method) => method.trim().toUpperCase()).filter(Boolean))].sort().join(', ');
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined;
}
