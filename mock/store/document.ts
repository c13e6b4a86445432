// The shape of a stored document and the etag that fingerprints it.
import { hash } from 'node:crypto';

export const resourceNames = ['kubeclusters', 'objectstores', 'kubebackups', 'policies', 'kubeoffloads', 'jobs'] as const;
export type ResourceName = (typeof resourceNames)[number];

/** Fields a client (or the server, for `status`) sets: everything but the meta fields. */
export type Fields = Record<string, unknown>;

/** A stored document. Never mutated: every write stores a new object. Dates are epoch ms, second precision. */
export interface StoredDoc {
  readonly _id: string;
  readonly _created: number;
  readonly _updated: number;
  readonly _etag: string;
  readonly [field: string]: unknown;
}

export const metaFields = ['_id', '_etag', '_created', '_updated', '_links', '_status'] as const;

export function isMetaField(name: string): boolean {
  return (metaFields as readonly string[]).includes(name);
}

/** The client fields of a stored document (meta fields dropped). */
export function fieldsOf(doc: StoredDoc): Fields {
  const { _id, _created, _updated, _etag, ...fields } = doc;
  return fields;
}

/** Assignment that keeps `__proto__` an ordinary own key instead of swapping the prototype (plain, faster assignment otherwise). */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** Dates are kept to the second, as Eve (and RFC 1123) renders them. */
export function toSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

/**
 * SHA-1 of the stored document as JSON (its keys in the order the write path gives them, always the
 * same for the same write). `revision` (the store's write counter) is mixed in so that two writes in
 * the same second with the same content still get different etags, which is what makes "exactly one
 * of two writers with the same If-Match wins" hold.
 */
export function computeEtag(doc: Omit<StoredDoc, '_etag'>, revision: number): string {
  return hash('sha1', `${JSON.stringify(doc)}\n${revision}`, 'hex');
}

/**
 * `_etag` of a document loaded in bulk, computed when first read (and then kept as a plain field): a
 * million loaded documents are not all hashed before the first answer. The fingerprint is the same
 * JSON as `computeEtag` hashes; the document's own `_id` keeps it unique without a write counter.
 */
const LAZY_ETAG: PropertyDescriptor = {
  enumerable: true,
  configurable: true,
  get(this: Record<string, unknown>): string {
    const unstamped: Record<string, unknown> = {};
    for (const key of Object.keys(this)) {
      if (key !== '_etag') setOwn(unstamped, key, this[key]);
    }
    const etag = hash('sha1', `${JSON.stringify(unstamped)}\nloaded`, 'hex');
    Object.defineProperty(this, '_etag', { value: etag, enumerable: true, writable: true, configurable: true });
    return etag;
  },
};

/** Gives `doc` (the last key it gets) an etag computed on first read. */
export function addLazyEtag(doc: Record<string, unknown>): void {
  Object.defineProperty(doc, '_etag', LAZY_ETAG);
}
