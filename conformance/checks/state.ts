// State progression and the agent manifest.
import { parse } from 'yaml';
import { agentUrlOf, check } from '../check.js';
import type { Check, CheckContext, Doc } from '../check.js';
import type { Exchange } from '../client.js';
import { answerOf, expectEqual, expectEveError, expectStatus, expectThat, show } from '../expect.js';

const AGENT_PATH = /\/kubeclusteragents\/agent-[a-z0-9]+\/[^/]+\.yaml$/;

async function fetchManifest(t: CheckContext, cluster: Doc): Promise<{ answer: Exchange; items: Doc[] }> {
  const url = agentUrlOf(cluster);
  expectThat(url !== undefined, 'status.agentURL on the new cluster', show(cluster['status']));
  const answer = await t.api.request('GET', url, { token: null, headers: { Accept: 'application/yaml' } });
  expectStatus(answer, 200);
  let manifest: Doc | undefined;
  try {
    manifest = parse(answer.text) as Doc;
  } catch (error) {
    expectThat(false, 'a YAML manifest', `YAML that does not parse: ${(error as Error).message}`, answer);
  }
  expectThat(manifest?.['kind'] === 'List' && Array.isArray(manifest['items']), 'a manifest of kind: List with items', () => answerOf(answer), answer);
  return { answer, items: manifest['items'] as Doc[] };
}

function deploymentOf(items: Doc[], answer: Exchange): Doc {
  const deployment = items.find((item) => item['kind'] === 'Deployment' && item['metadata']?.name === 'kubemanager');
  expectThat(deployment !== undefined, 'a Deployment named kubemanager', show(items.map((i) => `${i['kind']}/${i['metadata']?.name}`)), answer);
  return deployment;
}

export const stateChecks: Check[] = [
  check('KC-STATE-1', 'a new cluster is REGISTERED and names its agentURL', ['writes'], async (t) => {
    const created = await t.createCluster();
    const read = await t.read(created['_id']);
    expectEqual(read['status']?.state, 'REGISTERED', 'status.state of a new cluster');
    expectThat(agentUrlOf(read) !== undefined, 'status.agentURL on GET', show(read['status']));
  }),

  check('KC-STATE-2', 'agentURL has the documented form and is fetched without the API token', ['writes'], async (t) => {
    const created = await t.createCluster();
    const url = agentUrlOf(created) ?? '';
    expectThat(AGENT_PATH.test(new URL(url, t.api.baseUrl).pathname), '<server>/kubeclusteragents/agent-<short id>/<token>.yaml', url);
    await fetchManifest(t, created);
  }),

  check('KC-STATE-3', 'after the agent is applied the cluster reaches ACTIVE', ['writes', 'activation'], async (t) => {
    const created = await t.createCluster();
    const active = await t.activate(created);
    expectEqual(active['status']?.state, 'ACTIVE', 'status.state');
  }),

  check('KC-STATE-4', 'a state change renews _etag and _updated (read back), and the old ETag then fails with 412', ['writes', 'activation'], async (t) => {
    const created = await t.createCluster();
    await t.letTimePass();
    const active = await t.activate(created);
    expectThat(active['_etag'] !== created['_etag'], 'a new _etag after the state change', `the same _etag ${created['_etag']}`);
    expectThat(Date.parse(active['_updated']) > Date.parse(created['_updated']), '_updated later than before the state change', `${created['_updated']} → ${active['_updated']}`);
    expectEqual(active['_created'], created['_created'], '_created after the state change');
    const stale = await t.api.patch('kubeclusters', created['_id'], { description: 'written with the pre-activation ETag' }, created['_etag']);
    expectEveError(stale, 412);
    await t.expectUnchanged(active, stale);
  }),
];

export const agentChecks: Check[] = [
  check('KC-AGENT-1', 'the manifest is a List installing cloudcasa-io and kubemanager there', ['writes'], async (t) => {
    const { answer, items } = await fetchManifest(t, await t.createCluster());
    const namespace = items.some((item) => item['kind'] === 'Namespace' && item['metadata']?.name === 'cloudcasa-io');
    expectThat(namespace, 'a Namespace named cloudcasa-io', show(items.map((i) => `${i['kind']}/${i['metadata']?.name}`)), answer);
    expectEqual(deploymentOf(items, answer)['metadata']?.namespace, 'cloudcasa-io', 'the kubemanager namespace', answer);
  }),

  check('KC-AGENT-2', 'the kubemanager pod pulls with image_pull_secret_name', ['writes'], async (t) => {
    const { answer, items } = await fetchManifest(t, await t.createCluster({ image_pull_secret_name: 'myregistrykey' }));
    const pod = deploymentOf(items, answer)['spec']?.template?.spec;
    expectEqual(pod?.imagePullSecrets, [{ name: 'myregistrykey' }], 'imagePullSecrets of the kubemanager pod', answer);
  }),

  check('KC-AGENT-3', 'the agent images come from container_registry', ['writes'], async (t) => {
    const { answer, items } = await fetchManifest(t, await t.createCluster({ container_registry: 'https://registry.example.com/mirror' }));
    const images: string[] = (deploymentOf(items, answer)['spec']?.template?.spec?.containers ?? []).map((c: Doc) => String(c['image']));
    expectThat(images.length > 0 && images.every((image) => image.startsWith('registry.example.com/mirror/')), 'images under registry.example.com/mirror/', show(images), answer);
  }),

  check('KC-AGENT-4', 'an unknown agent id or token answers 404', ['writes'], async (t) => {
    const created = await t.createCluster();
    const url = agentUrlOf(created) ?? '';
    const wrongAgent = url.replace(/agent-[a-z0-9]+\//, 'agent-zzzzz/');
    const wrongToken = url.replace(/\/[^/]+\.yaml$/, '/not-the-token-at-all.yaml');
    for (const wrong of [wrongAgent, wrongToken]) expectStatus(await t.api.request('GET', wrong, { token: null }), 404);
    const after = await t.read(created['_id']);
    expectEqual(after['_etag'], created['_etag'], '_etag after fetching wrong agent URLs');
  }),
];
