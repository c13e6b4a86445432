// The shape of a stored document and the etag that fingerprints it.
import { sha1Hex } from './sha1.js';

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
 * An etag is the SHA-1 of the stored document as JSON (its keys in the order the write path gives
 * them) and `revision`, the store's write counter: two writes in the same second with the same
 * content still get different etags, which is what makes "exactly one of two writers with the same
 * If-Match wins" hold.
 *
 * `_etag` of a document loaded in bulk, computed when first read (and then kept as a plain field): a
 * million loaded documents are not all hashed before the first answer. The fingerprint is the same
 * JSON; the document's own `_id` keeps it unique without a write counter.
 */
const LAZY_ETAG: PropertyDescriptor = {
  enumerable: true,
  configurable: true,
  get(this: Record<string, unknown>): string {
    const unstamped: Record<string, unknown> = {};
    for (const key of Object.keys(this)) {
      if (key !== '_etag') setOwn(unstamped, key, this[key]);
    }
    const etag = sha1Hex(`${JSON.stringify(unstamped)}\nloaded`);
    Object.defineProperty(this, '_etag', { value: etag, enumerable: true, writable: true, configurable: true });
    return etag;
  },
};

/** The document stamped last and the JSON of its fields: a write's answer, rendered next, needs no second stringify. */
let lastStamped: { doc: StoredDoc; fieldsJson: string } | undefined;

/**
 * Makes `fields` (the caller's own copy) the stored document: `_id`, dates, then the etag of all
 * that (`revision` undefined: computed when first read). The etag's JSON is the fields' JSON with
 * the meta fields appended, kept for `fieldsJsonOf`.
 */
export function stampDocument(fields: Fields, id: string, dates: { created: number; updated: number }, revision: number | undefined): StoredDoc {
  const plain = revision !== undefined && !metaFields.some((name) => Object.hasOwn(fields, name));
  const fieldsJson = plain ? JSON.stringify(fields) : undefined;
  fields['_id'] = id;
  fields['_created'] = dates.created;
  fields['_updated'] = dates.updated;
  const doc = fields as StoredDoc;
  if (revision === undefined) {
    Object.defineProperty(doc, '_etag', LAZY_ETAG);
    return doc;
  }
  const meta = `"_id":${jsonString(id)},"_created":${dates.created},"_updated":${dates.updated}}`;
  const json = fieldsJson === undefined ? JSON.stringify(doc) : `${withOpenEnd(fieldsJson)}${meta}`;
  fields['_etag'] = sha1Hex(`${json}\n${revision}`);
  if (fieldsJson !== undefined) lastStamped = { doc, fieldsJson };
  return doc;
}

/** The JSON of a document's fields (no meta field among them) when it is the one stamped last. */
export function fieldsJsonOf(doc: StoredDoc): string | undefined {
  return lastStamped?.doc === doc ? lastStamped.fieldsJson : undefined;
}

const PLAIN_STRING = /^[\w.:/-]*$/;

/** `JSON.stringify` of a string; ids and other plain strings need no escaping, and skip the serializer. */
export function jsonString(value: string): string {
  return PLAIN_STRING.test(value) ? `"${value}"` : JSON.stringify(value);
}

/** An object's JSON without its closing brace, ready for more members: `{"a":1,` or `{`. */
export function withOpenEnd(objectJson: string): string {
  return objectJson.length > 2 ? `${objectJson.slice(0, -1)},` : '{';
}
