// The proxy's memory of the documents it has seen, per tenant and id, and the rules only a memory can
// check: a new _etag for every stored change, 412 due to a superseded ETag, reads after writes and deletes.
import type { Exchange } from '../client.js';
import { headerName } from '../rules/answers.js';
import { addressOf, bareEtag, deepEqual, differences, docsOf, isSuccess, server, show, storedView } from '../rules/rule.js';
import type { Doc, Violation } from '../rules/rule.js';

/** Where an exchange sits in the proxy's sequence: when its request arrived and when its answer did. */
export interface Timing {
  sentAt: number;
  answeredAt: number;
}

interface Entry {
  /** Stored views by `_etag`, oldest first (a few of them). */
  versions: Map<string, Doc>;
  latest: string;
  /** When the latest version was answered: only requests sent after it must see it. */
  latestAt: number;
  created: unknown;
  /** When a DELETE of it was answered 204 (a later read must not find it). */
  deletedAt?: number;
}

const VERSIONS_KEPT = 16;
const READS = new Set(['GET', 'HEAD']);

export class DocumentMemory {
  readonly #entries = new Map<string, Entry>();

  constructor(readonly capacity = 10_000) {}

  /** Checks the exchange against what was seen before, then remembers what it shows. */
  observe(exchange: Exchange, timing: Timing): Violation[] {
    const address = addressOf(exchange);
    if (address.resource === undefined) return [];
    const tenant = exchange.request.headers[headerName(exchange.request.headers, 'Authorization')] ?? '';
    const keyOf = (id: string) => `${tenant}|${address.resource}|${id}`;
    const violations: Violation[] = [];
    if (address.kind === 'item' && address.id !== undefined) violations.push(...this.#checkWrite(exchange, this.#entries.get(keyOf(address.id)), timing));
    if (exchange.request.method === 'DELETE' && exchange.status === 204 && address.id !== undefined) {
      const entry = this.#entries.get(keyOf(address.id));
      if (entry) entry.deletedAt = timing.answeredAt;
      return violations;
    }
    // A projection leaves fields out: such a document is no version of the stored one.
    if (!isSuccess(exchange) || address.query.has('projection')) return violations;
    for (const doc of docsOf(exchange.body)) {
      if (typeof doc['_etag'] !== 'string') continue;
      violations.push(...this.#see(keyOf(doc['_id']), doc, exchange, timing));
    }
    return violations;
  }

  /** Whether the document the exchange names was answered deleted (204) before this request was sent. */
  deletedBefore(exchange: Exchange, sentAt: number): boolean {
    const address = addressOf(exchange);
    if (address.resource === undefined || address.id === undefined) return false;
    const tenant = exchange.request.headers[headerName(exchange.request.headers, 'Authorization')] ?? '';
    const deletedAt = this.#entries.get(`${tenant}|${address.resource}|${address.id}`)?.deletedAt;
    return deletedAt !== undefined && deletedAt <= sentAt;
  }

  /** A write to a version the proxy knows: 412 due to a superseded ETag; status kept by a client write. */
  #checkWrite(exchange: Exchange, entry: Entry | undefined, timing: Timing): Violation[] {
    const method = exchange.request.method;
    const ifMatch = bareEtag(exchange.request.headers[headerName(exchange.request.headers, 'If-Match')]);
    if (!entry || !isSuccess(exchange) || !['PATCH', 'PUT', 'DELETE'].includes(method) || ifMatch === undefined || timing.sentAt < entry.latestAt) return [];
    if (ifMatch !== entry.latest && entry.versions.has(ifMatch)) {
      return [server(method === 'DELETE' ? 'KC-DELETE-3' : 'KC-ETAG-3', `412: If-Match ${ifMatch} was superseded by _etag ${entry.latest}`, `${exchange.status}`)];
    }
    const before = entry.versions.get(entry.latest);
    const status = exchange.body?.status;
    if (method === 'DELETE' || ifMatch !== entry.latest || before?.['status'] === undefined || status === undefined || deepEqual(status, before['status'])) return [];
    return [server(method === 'PUT' ? 'KC-UPDATE-3' : 'KC-UPDATE-5', `status kept by a client ${method}: ${show(before['status'])}`, `status ${show(status)}`)];
  }

  #see(key: string, doc: Doc, exchange: Exchange, timing: Timing): Violation[] {
    const etag = doc['_etag'] as string;
    const view = storedView(doc);
    const entry = this.#entries.get(key);
    if (!entry) {
      this.#remember(key, { versions: new Map([[etag, view]]), latest: etag, latestAt: timing.answeredAt, created: doc['_created'] });
      return [];
    }
    const violations = this.#compare(entry, etag, view, exchange, timing);
    if (exchange.status === 201) delete entry.deletedAt;
    if (!entry.versions.has(etag)) {
      entry.versions.set(etag, view);
      if (entry.versions.size > VERSIONS_KEPT) entry.versions.delete(entry.versions.keys().next().value as string);
      Object.assign(entry, { latest: etag, latestAt: timing.answeredAt });
    }
    return violations;
  }

  #compare(entry: Entry, etag: string, view: Doc, exchange: Exchange, timing: Timing): Violation[] {
    const violations: Violation[] = [];
    const read = READS.has(exchange.request.method);
    const id = view['_id'];
    if (read && entry.deletedAt !== undefined && timing.sentAt > entry.deletedAt) {
      violations.push(server('KC-DELETE-1', `${id} gone (404): a DELETE of it answered 204 before this read was sent`, `${exchange.status} with _etag ${etag}`));
      delete entry.deletedAt;
    }
    const known = entry.versions.get(etag);
    if (known && !deepEqual(known, view)) {
      const stateMoved = known['status']?.state !== view['status']?.state;
      violations.push(server(stateMoved ? 'KC-STATE-4' : 'KC-ETAG-1', `a new _etag for a changed document (${id}: ${differences(known, view)})`, `the same _etag ${etag}`));
    }
    if (known && read && etag !== entry.latest && timing.sentAt > entry.latestAt) {
      violations.push(server('KC-UPDATE-1', `the stored ${id} with _etag ${entry.latest} (answered before this read was sent)`, `an older version, _etag ${etag}`));
    }
    if (view['_created'] !== entry.created) violations.push(server('KC-UPDATE-1', `_created of ${id} kept: ${entry.created}`, `_created ${view['_created']}`));
    const latestUpdated = Date.parse(entry.versions.get(entry.latest)?.['_updated']);
    if (!known && Date.parse(view['_updated']) < latestUpdated) {
      violations.push(server('KC-UPDATE-1', `_updated of ${id} not earlier than ${new Date(latestUpdated).toUTCString()} (a version seen before)`, `_updated ${view['_updated']}`));
    }
    return violations;
  }

  #remember(key: string, entry: Entry): void {
    this.#entries.set(key, entry);
    if (this.#entries.size > this.capacity) this.#entries.delete(this.#entries.keys().next().value as string);
  }
}
