// The kubebackups resource (backup definitions): while one names a cluster, the cluster cannot be deleted.
import type { ResourceDefinition } from './definition.js';

export const kubebackups: ResourceDefinition = {
  name: 'kubebackups',
  title: 'Kubebackup',
  schema: 'KubebackupInput',
  patchSchema: 'KubebackupPatch',
  serverOwned: [],
  unique: ['name'],
  lookup: ['cluster'],
  references: [{ field: 'cluster', resource: 'kubeclusters' }],
};
