// Mock extensions: behaviours only the mock has (agent details, INACTIVE, its control API). They need
// --control-url, so they run only against a server that offers the control API and never count against another.
import { check } from '../check.js';
import type { Check, CheckContext, Doc } from '../check.js';
import { expectEqual, expectEveBody, expectStatus, expectThat, show } from '../expect.js';
import type { MockControlClient } from '../../mock/control/client.js';

const HOUR = 3_600_000;
const FAULT_STATUS = 503;

function controlOf(t: CheckContext): MockControlClient {
  return t.target.control ?? t.skip('needs the mock control API: give --control-url');
}

/** Reads the cluster back, expecting `state` and the `_etag` the control API answered. */
async function expectMoved(t: CheckContext, move: { _id: string; _etag: string }, state: string, previous: Doc): Promise<Doc> {
  const stored = await t.read(move._id);
  expectEqual(stored['status']?.state, state, `status.state read back after the move to ${state}`);
  expectEqual(stored['_etag'], move._etag, `_etag read back after the move to ${state} (the control API's answer)`);
  expectThat(stored['_etag'] !== previous['_etag'], `a new _etag with the move to ${state}`, `still ${previous['_etag']}`);
  return stored;
}

export const mockChecks: Check[] = [
  check('KC-MOCK-1', 'an ACTIVE cluster shows Kubernetes version, agent version, node count and last seen', ['writes', 'control', 'activation'], async (t) => {
    const active = await t.activate(await t.createCluster());
    const status = active['status'] as Doc;
    const complete = typeof status['kubernetesVersion'] === 'string' && typeof status['agentVersion'] === 'string' && Number.isInteger(status['nodeCount']) && typeof status['lastSeen'] === 'string';
    expectThat(complete, 'status.kubernetesVersion, agentVersion, nodeCount and lastSeen', show(status));
  }),

  check('KC-MOCK-2', 'a disconnected agent makes the cluster INACTIVE, a reconnect ACTIVE again', ['writes', 'control'], async (t) => {
    const control = controlOf(t);
    const created = await t.createCluster();
    const active = await expectMoved(t, await control.connectAgent(created['_id']), 'ACTIVE', created);
    const inactive = await expectMoved(t, await control.disconnectAgent(created['_id']), 'INACTIVE', active);
    await expectMoved(t, await control.connectAgent(created['_id']), 'ACTIVE', inactive);
  }),

  check('KC-MOCK-3', "the control clock is the server's clock: a write an hour on shows it", ['writes', 'control'], async (t) => {
    const control = controlOf(t);
    const created = await t.createCluster();
    await control.advanceClock(HOUR);
    const answer = await t.api.patch('kubeclusters', created['_id'], { description: 'an hour later' }, created['_etag']);
    expectStatus(answer, 200);
    const stored = await t.expectStored(answer);
    const moved = Date.parse(stored['_updated']) - Date.parse(created['_created']);
    expectThat(moved >= HOUR && moved < HOUR + 60_000, '_updated an hour (less than a minute more) after _created', `${created['_created']} → ${stored['_updated']}`, answer);
  }),

  check('KC-MOCK-4', 'the journal records requests; an injected fault answers once, then the route is normal', ['writes', 'control'], async (t) => {
    const control = controlOf(t);
    const created = await t.createCluster();
    const path = `/api/v1/kubeclusters/${created['_id']}`;
    expectStatus(await t.api.getCluster(created['_id']), 200);
    const entries = await control.journal(100);
    const recorded = entries.some((entry) => entry.method === 'GET' && entry.path === path && entry.status === 200);
    expectThat(recorded, `a journal entry GET ${path} 200`, show(entries.slice(-5)));
    await control.addFault({ method: 'GET', path, status: FAULT_STATUS, count: 1 });
    const faulted = await t.api.getCluster(created['_id']);
    // An injected fault is no answer the spec lists: its status and body shape are checked, not the spec.
    expectThat(faulted.status === FAULT_STATUS, `status ${FAULT_STATUS} from the injected fault`, String(faulted.status), faulted);
    expectEveBody(faulted);
    expectStatus(await t.api.getCluster(created['_id']), 200);
  }),
];
