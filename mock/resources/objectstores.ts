// The objectstores resource (User Storage): what a cluster's backup_provider.user_objectstore names.
import type { ResourceDefinition } from './definition.js';

export const objectstores: ResourceDefinition = {
  name: 'objectstores',
  title: 'Objectstore',
  schema: 'ObjectstoreInput',
  patchSchema: 'ObjectstorePatch',
  serverOwned: [],
  noun: 'object store',
  unique: ['name'],
  lookup: [],
  references: [],
};
