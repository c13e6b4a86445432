// The ceiling: Hono on @hono/node-server answering fixed cluster bodies, no store, no checks. Writes
// under /api/v1 read and parse their JSON body (the least a write handler does); the same routes
// under /fixed/api/v1 answer without reading it, the old ceiling, reported beside the fair one.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const cluster = {
  _id: '5eb599e603f7a77d5223efee',
  _etag: '27114931c62a2ea2f7f2fd21c4c8f62ba7b55a0c',
  _created: 'Fri, 08 May 2020 17:41:58 GMT',
  _updated: 'Fri, 08 May 2020 17:41:58 GMT',
  _links: { self: { title: 'Kubecluster', href: 'kubeclusters/5eb599e603f7a77d5223efee' } },
  name: 'testcluster',
  description: 'Created for testing purposes',
  tags: { testkey: 'testval' },
  kublet_pods_dir: '/var/lib/kubelet/pods',
  status: { state: 'ACTIVE', agentURL: 'http://127.0.0.1/kubeclusteragents/agent-gpq6w/token.yaml' },
};
const list = {
  _items: Array.from({ length: 25 }, () => cluster),
  _meta: { page: 1, max_results: 25, total: 100000 },
  _links: { parent: { title: 'home', href: '/' }, self: { title: 'kubeclusters', href: 'kubeclusters' } },
};

const app = new Hono();
app.get('/api/v1/kubeclusters', (c) => c.json(list));
app.post('/api/v1/kubeclusters', async (c) => c.json({ ...cluster, ...(await c.req.json<object>()), _status: 'OK' }, 201));
app.get('/api/v1/kubeclusters/:id', (c) => c.json(cluster));
app.patch('/api/v1/kubeclusters/:id', async (c) => c.json({ ...cluster, ...(await c.req.json<object>()), _status: 'OK' }));
app.delete('/api/v1/kubeclusters/:id', (c) => c.body(null, 204));
app.post('/fixed/api/v1/kubeclusters', (c) => c.json({ ...cluster, _status: 'OK' }, 201));
app.patch('/fixed/api/v1/kubeclusters/:id', (c) => c.json({ ...cluster, _status: 'OK' }));

serve({ fetch: app.fetch, port: Number(process.argv[2]), hostname: '127.0.0.1' });
process.on('SIGTERM', () => process.exit(0));
