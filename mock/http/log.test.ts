import { describe, expect, it } from 'vitest';
import { createMock } from '../app.js';

describe('the request log (serve --log)', () => {
  it('writes one line per request with method, path and query, status and milliseconds', async () => {
    const lines: string[] = [];
    const { app } = createMock({ log: (line) => lines.push(line) });
    await app.request('/api/v1/kubeclusters?max_results=1', { headers: { Authorization: 'Bearer t' } });
    await app.request('/api/v1/kubeclusters');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^GET \/api\/v1\/kubeclusters\?max_results=1 200 \d+\.\dms$/);
    expect(lines[1]).toMatch(/^GET \/api\/v1\/kubeclusters 401 /);
  });
});
