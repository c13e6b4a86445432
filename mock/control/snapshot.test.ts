import { describe, expect, it } from 'vitest';
import { generateFixtureDocs, generateFixtures } from '../../fixtures/generate.js';
import { createMock } from '../app.js';
import { clusterIdOfToken, parseAgentPath } from '../lifecycle/agent-url.js';
import { MockClock } from '../store/clock.js';
import { exportState, loadFixtures, loadGenerated } from './snapshot.js';

/** Every stored document but its etag (made from the write order), with agent URLs from one seeded source. */
function contents(load: (runtime: ReturnType<typeof createMock>['runtime']) => number) {
  const { runtime } = createMock({ tokens: ['t'], activationDelayMs: 'never', clock: new MockClock({ frozenAt: Date.UTC(2026, 1, 1) }) });
  const loaded = load(runtime);
  const { tenants } = exportState(runtime.store, runtime.timeline);
  const strip = (docs: Array<Record<string, unknown>>) => docs.map(({ _etag, status, ...rest }) => ({ ...rest, status: status && { ...(status as object), agentURL: typeof (status as { agentURL?: unknown }).agentURL } }));
  return { loaded, kubeclusters: strip(tenants['t']!.kubeclusters), objectstores: strip(tenants['t']!.objectstores), kubebackups: strip(tenants['t']!.kubebackups) };
}

describe('loading generated data', () => {
  it('as it is made stores the same documents, in the same order, as loading the whole generated set', () => {
    const baseUrl = 'http://127.0.0.1:4010';
    const streamed = contents((runtime) => loadGenerated({ ...runtime, tenant: 't', docs: generateFixtureDocs({ count: 500, seed: 9 }), baseUrl }));
    const whole = contents((runtime) => loadFixtures({ ...runtime, tenant: 't', fixtures: generateFixtures({ count: 500, seed: 9 }), baseUrl }));
    expect(streamed.loaded).toBe(whole.loaded);
    expect(streamed.kubeclusters).toHaveLength(500);
    // As JSON: the order of the fields is what answers show and what etags are made from.
    expect(JSON.stringify(streamed)).toBe(JSON.stringify(whole));
  });

  it('with agent URLs made as the clusters are generated (as the server loads them) stores the same documents', () => {
    const baseUrl = 'http://127.0.0.1:4010';
    const withUrls = contents((runtime) =>
      loadGenerated({ ...runtime, tenant: 't', docs: generateFixtureDocs({ count: 500, seed: 9 }, (id) => runtime.lifecycle.agentUrlFor(id, baseUrl)), baseUrl }),
    );
    const whole = contents((runtime) => loadFixtures({ ...runtime, tenant: 't', fixtures: generateFixtures({ count: 500, seed: 9 }), baseUrl }));
    expect(JSON.stringify(withUrls)).toBe(JSON.stringify(whole));
  });

  it('names each generated cluster in its agent URL, so its manifest is found without a directory', () => {
    const { runtime } = createMock({ tokens: ['t'], activationDelayMs: 'never' });
    const baseUrl = 'http://127.0.0.1:4010';
    loadGenerated({ ...runtime, tenant: 't', docs: generateFixtureDocs({ count: 50 }, (id) => runtime.lifecycle.agentUrlFor(id, baseUrl)), baseUrl });
    for (const cluster of runtime.store.collection('t', 'kubeclusters').values()) {
      const { pathname } = new URL((cluster['status'] as { agentURL: string }).agentURL);
      expect(clusterIdOfToken(parseAgentPath(pathname)?.token ?? '')).toBe(cluster._id);
    }
  });

  it('gives every loaded document a distinct etag, readable and then kept', () => {
    const { runtime } = createMock({ tokens: ['t'], activationDelayMs: 'never' });
    loadGenerated({ ...runtime, tenant: 't', docs: generateFixtureDocs({ count: 200 }), baseUrl: 'http://127.0.0.1:4010' });
    const etags = [...runtime.store.collection('t', 'kubeclusters').values()].map((doc) => doc._etag);
    expect(new Set(etags).size).toBe(200);
    expect([...runtime.store.collection('t', 'kubeclusters').values()].map((doc) => doc._etag)).toEqual(etags);
  });
});
