// What a conformance check is, and the context it runs in: the target's clients plus the few
// steps every check repeats (create something named for this run, read it back, activate it).
import { escapeRegex } from './client.js';
import type { ApiClient, Exchange, ResourceName } from './client.js';
import { answerOf, deepEqual, expectSpec, expectStatus, expectThat, fail, show } from './expect.js';
import { differences, storedView } from './rules/rule.js';
import type { Doc } from './rules/rule.js';
import type { Target } from './target.js';

/** What a check needs from the target; without it the check is skipped with the reason. */
export type Need = 'writes' | 'token2' | 'activation' | 'control';

export interface Check {
  /** The requirement it verifies (conformance/requirements.ts). */
  id: string;
  /** The behaviour, as the test name after the id. */
  title: string;
  needs: readonly Need[];
  run(context: CheckContext): Promise<void>;
}

export function check(id: string, title: string, needs: readonly Need[], run: (context: CheckContext) => Promise<void>): Check {
  return { id, title, needs, run };
}

export class SkipCheck extends Error {
  override name = 'SkipCheck';
}

export type { Doc };
export { storedView };

const ACTIVE = 'ACTIVE';
const SECOND_AND_A_BIT = 1_100;

export class CheckContext {
  #counter = 0;

  constructor(readonly target: Target) {}

  get api(): ApiClient {
    return this.target.api;
  }

  /** The second tenant; the check must need 'token2'. */
  get other(): ApiClient {
    if (!this.target.other) this.skip('no second token (--token2)');
    return this.target.other;
  }

  get profile() {
    return this.target.profile;
  }

  /** Every name this run gives starts with this, so cleanup --prefix finds leftovers. */
  get prefix(): string {
    return `conformance-${this.target.config.runId}-`;
  }

  name(label: string): string {
    return `${this.prefix}${label}-${++this.#counter}`;
  }

  /** A `where` limited to this run's documents (a real server holds other people's data too). */
  scopedWhere(label: string, extra?: Doc): string {
    const mine = { name: { $regex: `^${escapeRegex(this.prefix + label)}` } };
    return JSON.stringify(extra ? { $and: [mine, extra] } : mine);
  }

  skip(reason: string): never {
    throw new SkipCheck(reason);
  }

  async create(resource: ResourceName, body: Doc): Promise<Doc> {
    const answer = await this.api.create(resource, body);
    expectStatus(answer, 201);
    return answer.body as Doc;
  }

  createCluster(fields: Doc = {}, label = 'cluster'): Promise<Doc> {
    return this.create('kubeclusters', { name: this.name(label), ...fields });
  }

  createObjectstore(fields: Doc = {}): Promise<Doc> {
    return this.create('objectstores', { name: this.name('store'), provider_type: 's3', private: true, s3provider: { credentials: {} }, ...fields });
  }

  createKubebackup(clusterId: string, fields: Doc = {}): Promise<Doc> {
    return this.create('kubebackups', { name: this.name('backup'), cluster: clusterId, source: { all_namespaces: true, snapshotPersistentVolumes: true }, ...fields });
  }

  async read(id: string, resource: ResourceName = 'kubeclusters'): Promise<Doc> {
    const answer = await this.api.get(resource, id);
    expectStatus(answer, 200);
    return answer.body as Doc;
  }

  /** After a refused write (or another tenant's attempt): the stored document is exactly what it was. */
  async expectUnchanged(before: Doc, refused: Exchange, resource: ResourceName = 'kubeclusters'): Promise<Doc> {
    const readBack = await this.api.get(resource, before['_id']);
    const what = `the ${refused.request.method} answered ${refused.status} to change nothing: read back, the stored ${itemOf(resource)} is as before`;
    expectThat(readBack.status === 200, what, () => `reading it back answered ${answerOf(readBack)}`, refused);
    expectSpec(readBack);
    const now = readBack.body as Doc;
    expectThat(deepEqual(storedView(now), storedView(before)), what, () => differences(storedView(before), storedView(now)), refused);
    return now;
  }

  /** After an accepted write: the stored document is what the answer says (never trust the answer alone). */
  async expectStored(answer: Exchange, resource: ResourceName = 'kubeclusters'): Promise<Doc> {
    const claimed = answer.body as Doc;
    const stored = await this.read(claimed['_id'], resource);
    const what = `the ${answer.request.method} answered ${answer.status}: read back, the stored ${itemOf(resource)} is what the answer says`;
    expectThat(deepEqual(storedView(stored), storedView(claimed)), what, () => differences(storedView(claimed), storedView(stored)), answer);
    return stored;
  }

  /**
   * Lets the server's clock pass a second, so a later write must show a later `_updated` (dates have
   * second precision): through the control clock when the target has one, else by waiting.
   */
  async letTimePass(): Promise<void> {
    if (this.target.control) await this.target.control.advanceClock(SECOND_AND_A_BIT);
    else await new Promise((resolve) => setTimeout(resolve, SECOND_AND_A_BIT));
  }

  /** Applies the cluster's agent and waits until it is ACTIVE (skipped when the target cannot). */
  async activate(cluster: Doc): Promise<Doc> {
    const activation = this.target.activation;
    if (!activation) this.skip('no way to apply an agent: give --activate "<command with {agentURL}>" or --control-url');
    const agentURL = agentUrlOf(cluster) ?? agentUrlOf(await this.read(cluster['_id']));
    expectThat(agentURL !== undefined, 'status.agentURL on the cluster', show(cluster['status']));
    await activation.apply(agentURL);
    return this.waitForState(cluster['_id'], ACTIVE, activation.timeoutMs, activation.pollMs);
  }

  async waitForState(id: string, state: string, timeoutMs: number, pollMs: number): Promise<Doc> {
    const deadline = Date.now() + timeoutMs;
    let last: Exchange;
    do {
      last = await this.api.getCluster(id);
      expectStatus(last, 200);
      if (last.body?.status?.state === state) return last.body as Doc;
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    } while (Date.now() < deadline);
    return fail(`status.state ${state} within ${timeoutMs} ms`, `still ${show(last.body?.status)} (${answerOf(last).slice(0, 80)}…)`, last);
  }
}

/** One item of a collection, for messages: `policies` → `policy`, `kubeclusters` → `kubecluster`. */
function itemOf(resource: ResourceName): string {
  return resource.replace(/ies$/, 'y').replace(/s$/, '');
}

/** Clients read the agent URL case-insensitively (`agentURL`, `agentUrl`). */
export function agentUrlOf(doc: Doc | undefined): string | undefined {
  const status = doc?.['status'];
  if (!status || typeof status !== 'object') return undefined;
  const key = Object.keys(status).find((k) => k.toLowerCase() === 'agenturl');
  const value = key === undefined ? undefined : status[key];
  return typeof value === 'string' ? value : undefined;
}
