// Eve's rules between documents: unique values, references that must exist, and the delete guard.
import { ApiError } from '../http/errors.js';
import type { Issues } from '../http/errors.js';
import { valueAtKeys } from '../store/collection.js';
import type { Fields, ResourceName, StoredDoc } from '../store/document.js';
import { objectIdPattern } from '../store/ids.js';
import type { Store } from '../store/store.js';
import { addIssue } from '../validation/issues.js';
import type { ResourceDefinition } from './definition.js';
import { domain, referencesTo } from './domain.js';

/** A field path split once: these run on every write. */
interface Path {
  field: string;
  keys: readonly string[];
}

export class Relations {
  readonly #unique: readonly Path[];
  readonly #references: ReadonlyArray<Path & { resource: ResourceName }>;

  constructor(
    private readonly definition: ResourceDefinition,
    private readonly store: Store,
  ) {
    this.#unique = definition.unique.map((field) => ({ field, keys: field.split('.') }));
    this.#references = definition.references.map(({ field, resource }) => ({ field, keys: field.split('.'), resource }));
  }

  /** Unique values another document of the tenant holds, and references to documents that do not exist. */
  issues(tenant: string, doc: Fields, selfId: string | undefined): Issues {
    const issues: Issues = {};
    const collection = this.store.collection(tenant, this.definition.name);
    for (const { field, keys } of this.#unique) {
      const value = valueAtKeys(doc, keys);
      const holder = value === undefined ? undefined : collection.findUnique(field, value);
      if (holder !== undefined && holder !== selfId) addIssue(issues, keys, `value '${String(value)}' is not unique`);
    }
    for (const { keys, resource } of this.#references) {
      const value = valueAtKeys(doc, keys);
      if (typeof value !== 'string' || !objectIdPattern.test(value)) continue;
      if (!this.store.collection(tenant, resource).get(value)) {
        addIssue(issues, keys, `value '${value}' must exist in resource '${resource}', field '_id'.`);
      }
    }
    return issues;
  }

  /** Unique values repeated inside one bulk insert (`seen` spans the batch). */
  batchIssues(doc: Fields, seen: Set<string>, issues: Issues): void {
    for (const { field, keys } of this.#unique) {
      const value = valueAtKeys(doc, keys);
      if (typeof value !== 'string') continue;
      const key = `${field}\u0000${value}`;
      if (seen.has(key)) addIssue(issues, keys, `value '${value}' is not unique`);
      seen.add(key);
    }
  }

  /** The delete guard: a document another one refers to (a cluster named by a backup definition) stays. */
  assertUnreferenced(tenant: string, doc: StoredDoc): void {
    for (const { from, field } of referencesTo(this.definition.name)) {
      const ids = this.store.collection(tenant, from).findEqual(field, doc._id);
      const first = ids ? [...ids][0] : undefined;
      if (first === undefined) continue;
      const referrer = this.store.collection(tenant, from).get(first);
      throw new ApiError(409, `${this.definition.title} ${doc._id} is used by ${domain[from].noun} ${String(referrer?.['name'] ?? '')} (${first}); delete that first`);
    }
  }
}
