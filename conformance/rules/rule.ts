// What a rule is: a pure function over one exchange answering the violations it sees, each naming its
// requirement and the party at fault. The suite's checks and the proxy call the same rules.
import type { Profile } from '../../mock/options.js';
import { RequestChecker } from '../../spec/requests.js';
import type { DocumentedOperation } from '../../spec/requests.js';
import type { Exchange } from '../client.js';

/** The client sent what the contract does not allow, or the server answered what it does not allow. */
export type Party = 'client' | 'server';

export interface Violation {
  /** A requirement id of the catalogue (KC-…), or one of the proxy's own ids (rules/ids.ts). */
  rule: string;
  party: Party;
  expected: string;
  got: string;
}

export interface RuleContext {
  profile: Profile;
  /**
   * Whether the sending tenant holds the document an item request names, where the caller knows (the
   * proxy's memory, explore's model). A DELETE of a document it does not hold (deleted before, another
   * tenant's) deletes nothing, and Eve answers it 204 whatever the If-Match (eve-contract.md, Delete).
   */
  holdsDocument?: (exchange: Exchange) => boolean;
}

export type Rule = (exchange: Exchange, context: RuleContext) => Violation[];

export type Doc = Record<string, any>;

/** What a server stores of a document: everything but the rendering-only `_links` and `_status`. */
export function storedView(doc: Doc): Doc {
  const { _links, _status, ...stored } = doc;
  return stored;
}

/** `"abc"`, `W/"abc"` and `abc` are the same ETag to Eve. */
export function bareEtag(value: string | null | undefined): string | undefined {
  return value?.replace(/^W\//, '').replace(/"/g, '');
}

export function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.hasOwn(b, key) && deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

/** The top-level fields whose values differ, as `field: before → after`. */
export function differences(before: Doc, after: Doc): string {
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((field) => !deepEqual(before[field], after[field]));
  return fields.map((field) => `${field}: ${show(before[field])} → ${show(after[field])}`).join('; ') || 'no difference';
}

export function server(rule: string, expected: string, got: string): Violation {
  return { rule, party: 'server', expected, got };
}

export function client(rule: string, expected: string, got: string): Violation {
  return { rule, party: 'client', expected, got };
}

/** Where an exchange is addressed, read from the spec's path templates. */
export interface Address {
  /** `collection` (`/kubeclusters`), `item` (`/kubeclusters/{id}`) or `other` (anything else, documented or not). */
  kind: 'collection' | 'item' | 'other';
  resource: string | undefined;
  id: string | undefined;
  operation: DocumentedOperation | undefined;
  query: URLSearchParams;
  path: string;
}

let sharedRequests: RequestChecker | undefined;

export function requestChecker(): RequestChecker {
  sharedRequests ??= new RequestChecker();
  return sharedRequests;
}

export function addressOf(exchange: Exchange): Address {
  const url = new URL(exchange.request.url);
  const operation = requestChecker().operation(exchange.request.method, url.pathname);
  const template = operation?.template ?? '';
  const collection = /^\/([a-z]+)$/.exec(template);
  const item = /^\/([a-z]+)\/\{[^}]+\}$/.exec(template);
  const segments = url.pathname.split('/');
  const kind = collection ? 'collection' : item ? 'item' : 'other';
  return { kind, resource: (collection ?? item)?.[1], id: item ? segments.at(-1) : undefined, operation, query: url.searchParams, path: url.pathname };
}

/** Every document an answer carries: the item itself, the items of a list or of a bulk create. */
export function docsOf(body: unknown): Doc[] {
  const docs: unknown[] = Array.isArray((body as Doc | undefined)?.['_items']) ? (body as Doc)['_items'] : [body];
  return docs.filter((doc): doc is Doc => typeof (doc as Doc | undefined)?.['_id'] === 'string');
}

export const isSuccess = (exchange: Exchange) => exchange.status >= 200 && exchange.status < 300;
