// The kubeclusters resource: client Kubernetes clusters, their backup storage rules and their status.
import type { Issues } from '../http/errors.js';
import type { Fields } from '../store/document.js';
import { addIssue } from '../validation/issues.js';
import { isRegionOf } from './cloud-regions.js';
import type { ResourceDefinition } from './definition.js';

export const kubeclusters: ResourceDefinition = {
  name: 'kubeclusters',
  title: 'Kubecluster',
  schema: 'ClusterInput',
  patchSchema: 'ClusterPatch',
  serverOwned: ['status'],
  noun: 'cluster',
  unique: ['name'],
  lookup: ['status.state'],
  // Eve checks the reference when it is written, not when the object store is deleted (no delete guard).
  references: [{ field: 'backup_provider.user_objectstore', resource: 'objectstores', blocksDelete: false }],
  rules: backupRegionRule,
};

/** `backup_provider.region` must be a real region of `backup_provider.type`'s cloud. */
function backupRegionRule(doc: Fields): Issues {
  const issues: Issues = {};
  const provider = doc['backup_provider'];
  if (!provider || typeof provider !== 'object') return issues;
  const { type, region } = provider as Record<string, unknown>;
  if ((type === 'aws' || type === 'azure') && typeof region === 'string' && region !== '' && !isRegionOf(type, region)) {
    addIssue(issues, ['backup_provider', 'region'], `unallowed value ${region}: not a region of ${type}`);
  }
  return issues;
}
