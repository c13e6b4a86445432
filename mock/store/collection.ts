// One tenant's documents of one resource, with the indexes the hot paths need.
import type { StoredDoc } from './document.js';

/** Fields indexed for equality look-ups (where={"name": …}, where={"status.state": …}). */
export interface IndexSpec {
  unique: readonly string[];
  lookup: readonly string[];
}

/**
 * Revisions are drawn from one counter for every collection there ever was: a collection made anew
 * (after a reset) never repeats a revision an answer cached from its predecessor was made at.
 */
let lastRevision = 0;

export class Collection {
  readonly #byId = new Map<string, StoredDoc>();
  /**
   * Each index is built on its first use, from the documents then held in their natural order, and
   * kept up to date from then on: a loaded data set answers at once, and one never queried by state
   * never pays for that index.
   */
  readonly #unique = new Map<string, Map<unknown, string>>();
  readonly #lookup = new Map<string, Map<unknown, Set<string>>>();
  /** The built indexes with their paths split once, walked on every write. */
  readonly #uniqueByKeys: Array<{ keys: readonly string[]; index: Map<unknown, string> }> = [];
  readonly #lookupByKeys: Array<{ keys: readonly string[]; index: Map<unknown, Set<string>> }> = [];
  /**
   * Lookup sets an id joined out of natural order: its document took the value after others had it.
   * Such a set is put back in natural order (Mongo's, for a query without sort) when next read.
   */
  readonly #disordered = new WeakSet<Set<string>>();
  /** Grows with every change, so derived results (cached query answers) know when they are stale. */
  #revision = ++lastRevision;

  constructor(readonly indexes: IndexSpec) {}

  get revision(): number {
    return this.#revision;
  }

  get size(): number {
    return this.#byId.size;
  }

  get(id: string): StoredDoc | undefined {
    return this.#byId.get(id);
  }

  /** In insertion order, which is Eve's (Mongo's natural) default order. */
  values(): IterableIterator<StoredDoc> {
    return this.#byId.values();
  }

  /** The id holding `value` in a unique field, if any. */
  findUnique(path: string, value: unknown): string | undefined {
    return this.#uniqueIndex(path)?.get(value);
  }

  /** Ids whose `path` equals `value`, or undefined when `path` is not indexed. */
  findEqual(path: string, value: unknown): ReadonlySet<string> | string[] | undefined {
    const unique = this.#uniqueIndex(path);
    if (unique) {
      const id = unique.get(value);
      return id === undefined ? [] : [id];
    }
    const lookup = this.#lookupIndex(path);
    if (!lookup) return undefined;
    const ids = lookup.get(value);
    if (!ids) return [];
    return this.#disordered.has(ids) ? this.#inNaturalOrder(lookup, value, ids) : ids;
  }

  /** `ids` rebuilt in the order of the documents, and filed in its place. */
  #inNaturalOrder(lookup: Map<unknown, Set<string>>, value: unknown, ids: Set<string>): Set<string> {
    const ordered = new Set<string>();
    for (const id of this.#byId.keys()) if (ids.has(id)) ordered.add(id);
    lookup.set(value, ordered);
    return ordered;
  }

  /** Inserts or replaces (same `_id`) a document, keeping the indexes right; answers the one replaced. */
  put(doc: StoredDoc): StoredDoc | undefined {
    this.#revision = ++lastRevision;
    const previous = this.#byId.get(doc._id);
    if (previous) this.#unindex(previous, doc);
    this.#byId.set(doc._id, doc);
    this.#index(doc, previous);
    return previous;
  }

  /** `put` of a document whose id this collection does not hold: no previous version to look for. */
  add(doc: StoredDoc): void {
    this.#revision = ++lastRevision;
    this.#byId.set(doc._id, doc);
    this.#index(doc);
  }

  remove(id: string): StoredDoc | undefined {
    const doc = this.#byId.get(id);
    if (!doc) return undefined;
    this.#revision = ++lastRevision;
    this.#byId.delete(id);
    this.#unindex(doc);
    return doc;
  }

  #uniqueIndex(path: string): Map<unknown, string> | undefined {
    const built = this.#unique.get(path);
    if (built || !this.indexes.unique.includes(path)) return built;
    const index = new Map<unknown, string>();
    const keys = path.split('.');
    for (const doc of this.#byId.values()) {
      const value = valueAtKeys(doc, keys);
      if (value !== undefined) index.set(value, doc._id);
    }
    this.#unique.set(path, index);
    this.#uniqueByKeys.push({ keys, index });
    return index;
  }

  #lookupIndex(path: string): Map<unknown, Set<string>> | undefined {
    const built = this.#lookup.get(path);
    if (built || !this.indexes.lookup.includes(path)) return built;
    const index = new Map<unknown, Set<string>>();
    const keys = path.split('.');
    for (const doc of this.#byId.values()) addTo(index, valueAtKeys(doc, keys), doc._id);
    this.#lookup.set(path, index);
    this.#lookupByKeys.push({ keys, index });
    return index;
  }

  // An index entry whose value did not change is left alone: lookups keep insertion order, and a
  // write that keeps a cluster's name touches no entry of the large name index.
  #index(doc: StoredDoc, previous?: StoredDoc): void {
    for (const { keys, index } of this.#uniqueByKeys) {
      const value = valueAtKeys(doc, keys);
      if (value !== undefined && (!previous || valueAtKeys(previous, keys) !== value)) index.set(value, doc._id);
    }
    for (const { keys, index } of this.#lookupByKeys) {
      const value = valueAtKeys(doc, keys);
      if (previous && valueAtKeys(previous, keys) === value) continue;
      const ids = addTo(index, value, doc._id);
      // A new document is last in natural order too; one that changed value is not.
      if (previous && ids && ids.size > 1) this.#disordered.add(ids);
    }
  }

  #unindex(doc: StoredDoc, next?: StoredDoc): void {
    // A value that stays is left in place: deleting and re-adding it in a large index costs rehashing.
    for (const { keys, index } of this.#uniqueByKeys) {
      const value = valueAtKeys(doc, keys);
      if (next && valueAtKeys(next, keys) === value) continue;
      if (index.get(value) === doc._id) index.delete(value);
    }
    for (const { keys, index } of this.#lookupByKeys) {
      const value = valueAtKeys(doc, keys);
      if (next && valueAtKeys(next, keys) === value) continue;
      const ids = index.get(value);
      ids?.delete(doc._id);
      if (ids?.size === 0) index.delete(value);
    }
  }
}

/** Files `id` under `value`; answers the set it joined (none for an undefined value). */
function addTo(index: Map<unknown, Set<string>>, value: unknown, id: string): Set<string> | undefined {
  if (value === undefined) return undefined;
  let ids = index.get(value);
  if (!ids) index.set(value, (ids = new Set()));
  ids.add(id);
  return ids;
}

/** The value at a dotted path, already split; own properties only (so `__proto__` never walks onto a prototype). */
export function valueAtKeys(doc: Readonly<Record<string, unknown>>, keys: readonly string[]): unknown {
  let at: unknown = doc;
  for (const key of keys) {
    if (at === null || typeof at !== 'object' || !Object.hasOwn(at, key)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}
