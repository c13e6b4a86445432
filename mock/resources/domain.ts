// The API's resources, declared once; everything generic (routes, etags, paging) serves all of them.
import type { IndexSpec } from '../store/collection.js';
import type { ResourceName } from '../store/document.js';
import type { Reference, ResourceDefinition } from './definition.js';
import { jobs } from './jobs.js';
import { kubebackups } from './kubebackups.js';
import { kubeclusters } from './kubeclusters.js';
import { kubeoffloads } from './kubeoffloads.js';
import { objectstores } from './objectstores.js';
import { policies } from './policies.js';

export const domain: Readonly<Record<ResourceName, ResourceDefinition>> = { kubeclusters, objectstores, kubebackups, policies, kubeoffloads, jobs };

/** What each resource needs indexed: its unique fields, its lookups, and the fields that refer to others. */
export function domainIndexes(): Record<ResourceName, IndexSpec> {
  const entries = Object.values(domain).map((definition) => {
    const referenceFields = definition.references.map((r) => r.field);
    return [definition.name, { unique: definition.unique, lookup: [...new Set([...definition.lookup, ...referenceFields])] }];
  });
  return Object.fromEntries(entries) as Record<ResourceName, IndexSpec>;
}

/** The references that point at `target` (e.g. kubebackups.cluster → kubeclusters) and block its deletion. */
export function referencesTo(target: ResourceName): Array<Reference & { from: ResourceName }> {
  return Object.values(domain).flatMap((definition) =>
    definition.references.filter((r) => r.resource === target && r.blocksDelete !== false).map((r) => ({ ...r, from: definition.name })),
  );
}
