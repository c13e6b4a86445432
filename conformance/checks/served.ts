// Whether the target serves a collection at all: checks of a resource only some servers have (the
// Terraform provider's policies, copy definitions, jobs) are skipped, saying why, where it is missing.
import type { CheckContext } from '../check.js';
import type { ResourceName } from '../client.js';
import type { Target } from '../target.js';

/** Asked once per target and resource: the status a plain GET of the collection answered. */
const served = new WeakMap<Target, Map<string, Promise<number>>>();

export async function requireCollection(t: CheckContext, resource: ResourceName, what = `the Terraform provider's ${resource}`): Promise<void> {
  let known = served.get(t.target);
  if (!known) served.set(t.target, (known = new Map()));
  let status = known.get(resource);
  if (!status) known.set(resource, (status = t.api.list(resource, { max_results: 1 }).then((list) => list.status)));
  const answered = await status;
  if (answered === 404 || answered === 405) t.skip(`the server has no /api/v1/${resource} (GET answered ${answered}): ${what} are not served there`);
}
