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
    const docs = known ? [...store.collection(tenant, resource).values()] : [];
    return [resource, { total: docs.length, items: newestFirst(docs, limit).map(toSnapshotDoc) }] as const;
  });
  return { tenant, resources: Object.fromEntries(entries) as TenantContents['resources'] };
}

function countsOf(store: Store, tenant: string): Record<ResourceName, number> {
  return Object.fromEntries(resourceNames.map((resource) => [resource, store.collection(tenant, resource).size])) as Record<ResourceName, number>;
}

/** By `_updated`, latest first; among equal dates the later inserted first (dates are kept to the second). */
function newestFirst(docs: StoredDoc[], limit: number): StoredDoc[] {
  return docs
    .map((doc, order) => ({ doc, order }))
    .sort((a, b) => b.doc._updated - a.doc._updated || b.order - a.order)
    .slice(0, limit)
    .map(({ doc }) => doc);
}
