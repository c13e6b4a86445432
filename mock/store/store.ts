// All tenants' collections, a global id index, and the write counter that makes etags unique.
import { Collection } from './collection.js';
import type { IndexSpec } from './collection.js';
import { resourceNames, stampDocument, toSecond } from './document.js';
import type { Fields, ResourceName, StoredDoc } from './document.js';

export interface Located {
  tenant: string;
  resource: ResourceName;
  doc: StoredDoc;
}

/** A write: the document stored, and the one it replaced (same id), if any. */
export interface Written extends Located {
  previous: StoredDoc | undefined;
}

/** Told of every change, so derived state (the agent directory, activation times) follows the store. */
export interface StoreObserver {
  written?(entry: Written): void;
  removed?(entry: Located): void;
  cleared?(): void;
}

export class Store {
  readonly #observers: StoreObserver[] = [];
  readonly #tenants = new Map<string, Map<ResourceName, Collection>>();
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

  /**
   * Finds a document by id in any tenant (ids are unique across the store). It asks each collection:
   * this is rare (a PUT to another tenant's id, a cluster's agent, a timed move), and no id index
   * costs every write and a million documents' worth of memory.
   */
  locate(id: string): Located | undefined {
    for (const [tenant, collections] of this.#tenants) {
      for (const [resource, collection] of collections) {
        const doc = collection.get(id);
        if (doc) return { tenant, resource, doc };
      }
    }
    return undefined;
  }

  /**
   * Stores `fields` (the caller's own new object, kept as it is) as the document `id` of this
   * collection, stamping the dates and a new `_etag`; `lazyEtag`: the etag is computed when first read.
   * The id is new or already this collection's: the service and the lifecycles see to that.
   */
  write(tenant: string, resource: ResourceName, id: string, fields: Fields, dates: { created: number; updated: number }, { lazyEtag = false } = {}): StoredDoc {
    const doc = stampDocument(fields, id, { created: toSecond(dates.created), updated: toSecond(dates.updated) }, lazyEtag ? undefined : ++this.#revision);
    this.restore(tenant, resource, doc);
    return doc;
  }

  /** `write` of a document new to its collection (the service has made sure no document there has `id`). */
  create(tenant: string, resource: ResourceName, id: string, fields: Fields, now: number): StoredDoc {
    const second = toSecond(now);
    const doc = stampDocument(fields, id, { created: second, updated: second }, ++this.#revision);
    this.collection(tenant, resource).add(doc);
    this.#tell(tenant, resource, doc, undefined);
    return doc;
  }

  /** `write` of a document from outside (a bulk load, a snapshot): its id must not belong to another collection. */
  adopt(tenant: string, resource: ResourceName, id: string, fields: Fields, dates: { created: number; updated: number }, options: { lazyEtag?: boolean } = {}): StoredDoc {
    const owner = this.locate(id);
    if (owner && (owner.tenant !== tenant || owner.resource !== resource)) {
      throw new Error(`id ${id} already belongs to another collection`);
    }
    return this.write(tenant, resource, id, fields, dates, options);
  }

  /** Puts a document back exactly as it was exported (its etag kept). */
  restore(tenant: string, resource: ResourceName, doc: StoredDoc): void {
    this.#tell(tenant, resource, doc, this.collection(tenant, resource).put(doc));
  }

  #tell(tenant: string, resource: ResourceName, doc: StoredDoc, previous: StoredDoc | undefined): void {
    const written: Written = { tenant, resource, doc, previous };
    for (const observer of this.#observers) observer.written?.(written);
  }

  remove(tenant: string, resource: ResourceName, id: string): StoredDoc | undefined {
    const removed = this.#tenants.get(tenant)?.get(resource)?.remove(id);
    if (!removed) return undefined;
    for (const observer of this.#observers) observer.removed?.({ tenant, resource, doc: removed });
    return removed;
  }

  /** Whether no tenant holds any document. */
  isEmpty(): boolean {
    for (const collections of this.#tenants.values()) {
      for (const collection of collections.values()) if (collection.size > 0) return false;
    }
    return true;
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
    for (const observer of this.#observers) observer.cleared?.();
  }
}
