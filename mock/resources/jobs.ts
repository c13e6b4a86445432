// The jobs resource: runs of backup and copy definitions. The server makes them (mock/lifecycle/jobs.ts);
// clients only read them, so every other method answers 405.
import type { ResourceDefinition } from './definition.js';

export const jobs: ResourceDefinition = {
  name: 'jobs',
  title: 'Job',
  schema: 'JobFields',
  patchSchema: 'JobFields',
  serverOwned: [],
  noun: 'job',
  unique: [],
  // How clients find the job of a run: by its backup definition, newest first.
  lookup: ['backupdef', 'state'],
  // A job keeps naming its cluster and definitions after they are deleted (it is history), so it declares no references.
  references: [],
  methods: { resource: ['GET', 'HEAD'], item: ['GET', 'HEAD'] },
};
