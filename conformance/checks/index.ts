// Every check, in the order a run goes through them (cheap read-only checks first).
import type { Check } from '../check.js';
import { jobChecks } from './jobs.js';
import { agentChecks, stateChecks } from './state.js';
import { createChecks, validationChecks } from './create.js';
import { mockChecks } from './mock.js';
import { jobResourceChecks } from './resource-jobs.js';
import { resourceChecks } from './resources.js';
import { listChecks, queryChecks, readChecks } from './read.js';
import { authChecks, routeChecks } from './routes.js';
import { deleteChecks, etagChecks, relatedChecks, updateChecks } from './write.js';

export const allChecks: readonly Check[] = [
  ...routeChecks,
  ...authChecks,
  ...createChecks,
  ...validationChecks,
  ...stateChecks,
  ...agentChecks,
  ...readChecks,
  ...listChecks,
  ...queryChecks,
  ...etagChecks,
  ...updateChecks,
  ...deleteChecks,
  ...relatedChecks,
  ...jobChecks,
  ...resourceChecks,
  ...jobResourceChecks,
  ...mockChecks,
];
