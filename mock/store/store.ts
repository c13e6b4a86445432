// All tenants' collections, a global id index, and the write counter that makes etags unique.
import { Collection } from './collection.js';
import type { IndexSpec } from './collection.js';
import { resourceNames, stampDocument, toSecond } from './document.js';
import type { Fields, ResourceName, StoredDoc } from './document.js';

type Owner = Readonly<{ tenant: string; resource: ResourceName }>;

export interface Located {
  tenant: string;
  resource: ResourceName;
  doc: StoredDoc;
}

/** Told of every change, so derived state (the agent directory, activation times) follows the store. */
export interface StoreObserver {
  written?(entry: Located): void;
  removed?(entry: Located): void;
  cleared?(): void;
}

export class Store {
  readonly #observers: StoreObserver[] = [];
  readonly #tenants = new Map<string, Map<ResourceName, Collection>>();
  /** Document id → where it lives; one shared owner object per tenant and resource, not one per document. */
  readonly #owners = new Map<string, Owner>();
  readonly #ownerObjects = new Map<string, Owner>();
  #revision = 0;

  constructor(readonly indexes: Readonly<Record<ResourceName, IndexSpec>>) {}

  observe(observer: StoreObserver): void {
    this.#observers.push(observer);
  }

  collection(tenant: string, resource: ResourceName): Collection {
    let collections = this.#tenants.get(tenant);
    if (!collections) this.#tenants.set(tenant, (collections = new Map()));
    let collection = collections.get(resource);
    if (!collection) collections.set(resource, (collection = new Collection(this.indexes[resource])));
    return collection;
  }

  /** Finds a document by id in any tenant (ids are unique across the store). */
  locate(id: string): Located | undefined {
    const owner = this.#owners.get(id);
    const doc = owner && this.#tenants.get(owner.tenant)?.get(owner.resource)?.get(id);
    return owner && doc ? { ...owner, doc } : undefined;
  }

  /** Stores `fields` as the document `id`, stamping `_updated` and a new `_etag`. */
  write(tenant: string, resource: ResourceName, id: string, fields: Fields, dates: { created: number; updated: number }): StoredDoc {
    return this.adopt(tenant, resource, id, { ...fields }, dates);
  }

  /**
   * `write` of a fields object the caller hands over (a bulk load's own copy): stamped and kept as it
   * is. `lazyEtag`: the etag is computed when first read, not now.
   */
  adopt(tenant: string, resource: ResourceName, id: string, fields: Fields, dates: { created: number; updated: number }, { lazyEtag = false } = {}): StoredDoc {
    const owner = this.#owners.get(id);
    if (owner && (owner.tenant !== tenant || owner.resource !== resource)) {
      throw new Error(`id ${id} already belongs to another collection`);
    }
    const doc = stampDocument(fields, id, { created: toSecond(dates.created), updated: toSecond(dates.updated) }, lazyEtag ? undefined : ++this.#revision);
    this.restore(tenant, resource, doc);
    return doc;
  }

  /** Puts a document back exactly as it was exported (its etag kept). */
  restore(tenant: string, resource: ResourceName, doc: StoredDoc): void {
    this.collection(tenant, resource).put(doc);
    this.#owners.set(doc._id, this.#ownerOf(tenant, resource));
    for (const observer of this.#observers) observer.written?.({ tenant, resource, doc });
  }

  #ownerOf(tenant: string, resource: ResourceName): Owner {
    const key = `${resource}\u0000${tenant}`;
    let owner = this.#ownerObjects.get(key);
    if (!owner) this.#ownerObjects.set(key, (owner = { tenant, resource }));
    return owner;
  }

  remove(tenant: string, resource: ResourceName, id: string): StoredDoc | undefined {
    const removed = this.#tenants.get(tenant)?.get(resource)?.remove(id);
    if (!removed) return undefined;
    this.#owners.delete(id);
    for (const observer of this.#observers) observer.removed?.({ tenant, resource, doc: removed });
    return removed;
  }

  tenants(): string[] {
    return [...this.#tenants.keys()];
  }

  /** Every document of every tenant, for export. */
  *entries(): Generator<Located> {
    for (const [tenant, collections] of this.#tenants) {
      for (const resource of resourceNames) {
        const collection = collections.get(resource);
        if (collection) for (const doc of collection.values()) yield { tenant, resource, doc };
      }
    }
  }

  clear(): void {
    this.#tenants.clear();
    this.#owners.clear();
    this.#ownerObjects.clear();
    for (const observer of this.#observers) observer.cleared?.();
  }
}
