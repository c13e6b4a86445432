// What each tenant holds, for the dashboard: counts per resource and the most recently changed documents.
import { resourceNames } from '../store/document.js';
import type { ResourceName, StoredDoc } from '../store/document.js';
import type { Store } from '../store/store.js';
import { toSnapshotDoc } from './snapshot.js';
import type { SnapshotDoc } from './snapshot.js';

export interface TenantSummary {
  tenant: string;
  counts: Record<ResourceName, number>;
}

export interface TenantContents {
  tenant: string;
  /** Per resource: how many there are, and the `limit` most recently updated, newest first. */
  resources: Record<ResourceName, { total: number; items: SnapshotDoc[] }>;
}

/** Every tenant the mock has seen (a token becomes a tenant with its first request), in order of appearance. */
export function tenantSummaries(store: Store): TenantSummary[] {
  return store.tenants().map((tenant) => ({ tenant, counts: countsOf(store, tenant) }));
}

/** Any token is a tenant, so one never seen simply holds nothing (no 404 to race a reset with). */
export function tenantContents(store: Store, tenant: string, limit: number): TenantContents {
  const known = store.tenants().includes(tenant);
  const entries = resourceNames.map((resource) => {
    const collection = known ? store.collection(tenant, resource) : undefined;
    const items = collection ? newestFirst(collection.values(), limit) : [];
    return [resource, { total: collection?.size ?? 0, items: items.map(toSnapshotDoc) }] as const;
  });
  return { tenant, resources: Object.fromEntries(entries) as TenantContents['resources'] };
}

function countsOf(store: Store, tenant: string): Record<ResourceName, number> {
  return Object.fromEntries(resourceNames.map((resource) => [resource, store.collection(tenant, resource).size])) as Record<ResourceName, number>;
}

/**
 * The `limit` latest by `_updated`, latest first; among equal dates (kept to the second) the later
 * inserted first. One pass keeping a short sorted list: the dashboard asks every second, whatever
 * the size of the collection.
 */
function newestFirst(docs: Iterable<StoredDoc>, limit: number): StoredDoc[] {
  const top: StoredDoc[] = [];
  for (const doc of docs) {
    const last = top.at(-1);
    if (limit === 0 || (top.length === limit && last !== undefined && doc._updated < last._updated)) continue;
    let low = 0;
    let high = top.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((top[middle] as StoredDoc)._updated > doc._updated) low = middle + 1;
      else high = middle;
    }
    top.splice(low, 0, doc);
    if (top.length > limit) top.pop();
  }
  return top;
}
