// The browser test's page: starts the mock in MSW's worker, then calls the API with its own fetch,
// step by step; each step's outcome is shown in the table and kept in window.steps for the test.
import { createMswMock, startWorker } from './kubeclusters-mock.js';

const BASE = 'https://api.cloudcasa.io';
const TOKEN = 'browser-demo';
const steps = [];
window.steps = steps;

function show(step) {
  const row = document.createElement('tr');
  for (const text of [steps.length, step.name, step.request, step.status, step.detail]) {
    const cell = document.createElement('td');
    cell.textContent = String(text);
    row.append(cell);
  }
  row.children[3].className = 'status';
  document.getElementById('steps').append(row);
}

async function call(name, method, url, { body, headers = {}, detail }) {
  const init = { method, headers: { Authorization: `Bearer ${TOKEN}`, ...headers } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(url, init);
  const text = await response.text();
  const parsed = response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
  const step = { name, request: `${method} ${url.replace(BASE, '')}`, status: response.status, etag: response.headers.get('etag'), body: parsed };
  step.detail = detail(parsed, response);
  steps.push(step);
  show(step);
  return step;
}

async function run() {
  document.getElementById('base').textContent = BASE;
  const mock = createMswMock({ baseUrl: BASE });
  await startWorker(mock, { serviceWorkerUrl: '/mockServiceWorker.js', quiet: true });
  const api = `${BASE}/api/v1/kubeclusters`;
  const created = await call('create a cluster', 'POST', api, { body: { name: 'browser-cluster' }, detail: (b) => `_id ${b._id}, _etag ${b._etag}` });
  const id = created.body._id;
  await call('list clusters', 'GET', api, { detail: (b) => `${b._items.length} item(s): ${b._items.map((i) => i.name).join(', ')}` });
  await call('PATCH with a stale If-Match', 'PATCH', `${api}/${id}`, { body: { name: 'renamed' }, headers: { 'If-Match': '0000000000000000000000000000000000000000' }, detail: (b) => b._error?.message ?? '' });
  const read = await call('read it for its ETag', 'GET', `${api}/${id}`, { detail: (b, r) => `ETag ${r.headers.get('etag')}` });
  await call('PATCH with the right If-Match', 'PATCH', `${api}/${id}`, { body: { name: 'renamed' }, headers: { 'If-Match': read.etag }, detail: (b) => `new _etag ${b._etag}` });
  const agent = await call('read its agentURL', 'GET', `${api}/${id}`, { detail: (b) => `${b.status.state}, agentURL ${b.status.agentURL}` });
  await call('fetch the agent manifest (kubectl apply)', 'GET', agent.body.status.agentURL, { detail: (t) => `${String(t).split('\n').length} lines of YAML` });
  await call('PENDING once the manifest is fetched', 'GET', `${api}/${id}`, { detail: (b) => b.status.state });
  const clock = await mock.control.advanceClock(60_000);
  const moved = { name: 'advance the clock 60 s (control)', request: 'control.advanceClock(60000)', status: 'done', detail: clock.iso, body: clock };
  steps.push(moved);
  show(moved);
  await call('read it ACTIVE', 'GET', `${api}/${id}`, { detail: (b) => `${b.status.state}, Kubernetes ${b.status.kubernetesVersion ?? '?'}` });
  document.getElementById('done').textContent = 'All steps ran.';
  window.stepsDone = true;
}

run().catch((error) => {
  window.stepsError = String(error?.stack ?? error);
  document.getElementById('done').textContent = `Failed: ${error}`;
});
