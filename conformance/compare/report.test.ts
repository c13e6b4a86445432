import { describe, expect, it } from 'vitest';
import { markdownProblems } from '../test-support/markdown-lint.js';
import { allowedDifferences } from './allowed-differences.js';
import { compareMarkdown } from './report.js';
import type { Summary } from './report.js';
import { runCompare } from './run.js';
import { TOKENS, inProcessMock } from './test-support/servers.js';

const labels = { a: 'http://a.local', b: 'http://b.local', seed: 7 };
const allowList = allowedDifferences.map(({ id, reason }) => ({ id, reason }));

describe('compare --report markdown', () => {
  it('a run with differences: the summary line, the table of kinds with counts, each kind\'s curl for both sides, well-formed', async () => {
    // B answers every cluster with a field A does not have.
    const altered = inProcessMock(async (request, response) => {
      if (request.method !== 'GET' || !/\/kubeclusters\/[0-9a-f]{24}$/.test(new URL(request.url).pathname) || response.status !== 200) return response;
      return new Response(JSON.stringify({ ...((await response.json()) as object), extra: 'a|b' }), { status: 200, headers: response.headers });
    });
    const outcome = await runCompare({ token: TOKENS[0], token2: TOKENS[1], seed: 7, requests: 200, prefix: 'compare-md-', a: { baseUrl: labels.a, fetch: inProcessMock() }, b: { baseUrl: labels.b, fetch: altered } });
    if (!outcome.ran) throw new Error(outcome.reason);
    const kind = outcome.summary.differences.find((d) => d.kind === 'GET kubeclusters/{id}: plain | body extra: only in B');
    expect(kind).toBeDefined();
    const markdown = compareMarkdown(outcome.summary, labels, allowList);
    expect(markdownProblems(markdown)).toEqual([]);
    expect(markdown).toMatch(/^## ❌ kubeclusters compare: [1-9]\d* difference\(s\) of [1-9]\d* kind\(s\)\n\n200 requests to A \(http:\/\/a\.local\) and B \(http:\/\/b\.local\) in [\d.]+ s: /);
    expect(markdown).toContain('The same sequence again: `--seed 7`.');
    expect(markdown).toContain('| Kind | Count | First at step | A | B |\n| --- | ---: | ---: | --- | --- |\n');
    expect(markdown).toContain(`| GET kubeclusters/{id}: plain \\| body extra: only in B | ${kind!.count} | ${kind!.example.step} | \`(absent)\` | \`a\\|b\` |`);
    expect(markdown).toContain(`#### GET kubeclusters/{id}: plain | body extra: only in B (${kind!.count}×)\n\n\`\`\`sh\n# A (http://a.local), step ${kind!.example.step}\n${kind!.example.curlA}\n# B (http://b.local)\n${kind!.example.curlB}\n\`\`\``);
  });

  it('a run within the allow-list: a passing headline and the allowed counts with their reasons, no differences table', () => {
    const [row] = allowList;
    const summary: Summary = { requests: 10, seconds: 0.5, differences: [], differenceCount: 0, allowed: { [row!.id]: 3 }, allowedCount: 3 };
    const markdown = compareMarkdown(summary, labels, allowList);
    expect(markdownProblems(markdown)).toEqual([]);
    expect(markdown).toMatch(/^## ✅ kubeclusters compare: 0 difference\(s\) of 0 kind\(s\)\n/);
    expect(markdown).not.toContain('| Kind |');
    expect(markdown).toContain(`| Allow-list row | Count | Reason |\n| --- | ---: | --- |\n| \`${row!.id}\` | 3 | `);
  });
});
