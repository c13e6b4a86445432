// Before a replay: both servers must hold the same documents for the tokens used (compared by name,
// per tenant and resource). After it: what the run created is removed from both.
import { cleanUpPrefix } from '../cleanup.js';
import type { Side } from './side.js';
import type { ResourceName, Step, Tenant } from './steps.js';

const RESOURCES: readonly ResourceName[] = ['kubeclusters', 'objectstores', 'kubebackups'];
const PAGE = 50;
/** Beyond this many documents only the totals are compared. */
const MAX_PAGES = 20;

interface Holdings {
  total: number;
  names: string[];
}

/** Undefined when both servers start with the same data; else what differs, in one paragraph. */
export async function compareStartingData(a: Side, b: Side): Promise<string | undefined> {
  const problems: string[] = [];
  for (const tenant of ['a', 'b'] as const) {
    for (const resource of RESOURCES) {
      const [held, other] = await Promise.all([holdings(a, tenant, resource), holdings(b, tenant, resource)]);
      const problem = describe(tenant, resource, held, other);
      if (problem) problems.push(problem);
    }
  }
  return problems.length === 0 ? undefined : problems.join('; ');
}

async function holdings(side: Side, tenant: Tenant, resource: ResourceName): Promise<Holdings> {
  const client = side.client(tenant);
  const names: string[] = [];
  let total = 0;
  for (let page = 1; page <= MAX_PAGES; page++) {
    const answer = await client.list(resource, { max_results: PAGE, page });
    if (answer.status !== 200) throw new Error(`${side.options.label}: listing ${resource} answered ${answer.status}`);
    // The documents already there get symbols too (named by their names), so answers about them compare.
    side.symbols.learn(listingStep(resource), answer.status, answer.body);
    const items = (answer.body?._items ?? []) as Array<{ name?: unknown }>;
    names.push(...items.map((item) => String(item.name)));
    total = Number(answer.body?._meta?.total ?? names.length);
    if (items.length < PAGE) break;
  }
  return { total, names: names.sort() };
}

function describe(tenant: Tenant, resource: ResourceName, a: Holdings, b: Holdings): string | undefined {
  const onlyA = a.names.filter((name) => !b.names.includes(name));
  const onlyB = b.names.filter((name) => !a.names.includes(name));
  if (a.total === b.total && onlyA.length === 0 && onlyB.length === 0) return undefined;
  const list = (names: string[]) => (names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ') || 'none');
  return `token ${tenant === 'a' ? '--token' : '--token2'}, ${resource}: A has ${a.total}, B has ${b.total} (only on A: ${list(onlyA)}; only on B: ${list(onlyB)})`;
}

function listingStep(resource: ResourceName): Step {
  return { index: -1, shape: 'starting data', sender: 'a', method: 'GET', path: '', headers: {}, resource };
}

/** Removes everything named with the run's prefix from both servers, for both tenants. */
export async function removeRunData(sides: readonly Side[], prefix: string, log: (line: string) => void): Promise<number> {
  let failed = 0;
  for (const side of sides) {
    for (const tenant of ['a', 'b'] as const) {
      const outcome = await cleanUpPrefix(side.client(tenant), prefix, (line) => log(`  ${side.options.label}, ${tenant === 'a' ? 'token' : 'token2'}: ${line.trim()}`));
      failed += outcome.failed;
    }
  }
  return failed;
}
