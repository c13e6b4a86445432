// `conformance cleanup --prefix`: removes what earlier runs left behind, found by name, nothing else.
import { deletionOrder, escapeRegex } from './client.js';
import type { ApiClient, ResourceName } from './client.js';

const PAGE = 50;

export async function cleanUpPrefix(client: ApiClient, prefix: string, log: (line: string) => void): Promise<{ removed: number; failed: number }> {
  let removed = 0;
  let failed = 0;
  const where = JSON.stringify({ name: { $regex: `^${escapeRegex(prefix)}` } });
  for (const resource of deletionOrder) {
    for (const id of await idsNamed(client, resource, where)) {
      if (await client.removeOne(resource, id).catch(() => false)) removed++;
      else {
        failed++;
        log(`  could not remove ${resource}/${id}`);
      }
    }
  }
  log(`Removed ${removed} document(s) named ${prefix}…${failed > 0 ? `; ${failed} could not be removed` : ''}`);
  return { removed, failed };
}

async function idsNamed(client: ApiClient, resource: ResourceName, where: string): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; page <= 1000; page++) {
    const answer = await client.list(resource, { where, max_results: PAGE, page });
    // A server without this resource (no policies or kubeoffloads) has nothing of it to clean up.
    if (answer.status === 404 && page === 1) return [];
    if (answer.status !== 200) throw new Error(`listing ${resource} answered ${answer.status}: ${answer.text.slice(0, 200)}`);
    const items = (answer.body?._items ?? []) as Array<{ _id: string }>;
    ids.push(...items.map((item) => item._id));
    if (items.length < PAGE) break;
  }
  return ids;
}
