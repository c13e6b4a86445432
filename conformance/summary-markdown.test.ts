import { describe, expect, it } from 'vitest';
import { ConformanceFailure } from './expect.js';
import type { RequirementResult } from './reporter.js';
import { requirementsById } from './requirements.js';
import { runChecks } from './run.js';
import type { CheckResult } from './run.js';
import { conformanceMarkdown, failureParts } from './summary-markdown.js';
import { configFromEnv, openTarget } from './target.js';
import { markdownProblems } from './test-support/markdown-lint.js';
import { brokenVariants, variantFetch } from './test-support/variants.js';
import { verdictOf } from './verdict.js';

/** What the CLI's reporter makes of a check's result. */
function asReported(result: CheckResult, strict = false): RequirementResult {
  const requirement = requirementsById.get(result.id);
  return { ...result, area: requirement?.area ?? '?', verdict: verdictOf(result.outcome, result.level, strict) };
}

async function runAgainstBroken(name: string, only: RegExp): Promise<RequirementResult[]> {
  const variant = brokenVariants.find((v) => v.name === name);
  if (!variant) throw new Error(`no broken variant named "${name}"`);
  const target = openTarget({ ...configFromEnv({}), runId: 'markdown' }, { fetch: variantFetch(variant) });
  return (await runChecks(target, { only: (id) => only.test(id) })).map((result) => asReported(result));
}

const run = { target: 'http://127.0.0.1:4010', profile: 'strict', strict: false, runId: 'md1' };

describe('conformance --report markdown', () => {
  it('KC-ETAG-3 a run with a failure: the areas table, then the failure with its id, level, expected, got and curl, well-formed', async () => {
    const results = await runAgainstBroken('a stale If-Match is accepted (no 412)', /^KC-(ETAG|READ)-/);
    const failure = results.find((r) => r.id === 'KC-ETAG-3' && r.verdict === 'failed');
    expect(failure).toBeDefined();
    const markdown = conformanceMarkdown({ ...run, results });
    expect(markdownProblems(markdown)).toEqual([]);
    expect(markdown).toMatch(/^## ❌ kubeclusters conformance: [1-9]\d* failed, \d+ warnings?\n\nTarget `http:\/\/127\.0\.0\.1:4010`, profile `strict`, run `md1`\.\n\n/);
    expect(markdown).toContain('| Area | passed | failed | warnings | skipped |\n| --- | ---: | ---: | ---: | ---: |\n');
    expect(markdown).toMatch(/\n\| ETAG ETag and concurrency \| \d+ \| [1-9]\d* \| \d+ \| \d+ \|\n/);
    expect(markdown).toMatch(/\n\| Total \| \d+ \| [1-9]\d* \| \d+ \| \d+ \|\n/);
    const { expected, got, request } = failureParts(failure!.message!);
    expect(request).toMatch(/^curl -sS -X (PATCH|PUT|DELETE) '/);
    const section = markdown.slice(markdown.indexOf('#### KC-ETAG-3 (MUST): '));
    expect(section).toContain(`- **expected:** \`${expected}\``);
    expect(section).toContain('- **got:** `');
    expect(section).toContain(`Reproduce:\n\n\`\`\`sh\n${request}\n\`\`\``);
    expect(got).toBeDefined();
  });

  it('a run without failures: a passing headline, the table, and no failure section', () => {
    const passed: RequirementResult = { id: 'KC-READ-1', area: 'READ', level: 'MUST', title: 'GET item answers 200', outcome: 'passed', verdict: 'passed' };
    const markdown = conformanceMarkdown({ ...run, results: [passed] });
    expect(markdown).toMatch(/^## ✅ kubeclusters conformance: 0 failed, 0 warnings\n/);
    expect(markdown).not.toContain('### Failures');
    expect(markdownProblems(markdown)).toEqual([]);
  });

  it('a failed SHOULD is listed under warnings; a message that is not a check failure is kept whole in a code block', () => {
    const warning: RequirementResult = { id: 'KC-READ-4', area: 'READ', level: 'SHOULD', title: 'a_b *c*', outcome: 'failed', verdict: 'warning', message: 'KC-READ-4 a_b *c*\nrequest:  curl -sS \'http://x/api/v1/kubeclusters?where={"a":"|"}\'\nexpected: `status 200`\ngot:      500 {"_error": "a | b"}' };
    const timeout: RequirementResult = { id: 'KC-JOBS-1', area: 'JOBS', level: 'MUST', title: 'a job ends', outcome: 'failed', verdict: 'failed', message: 'Test timed out in 60000ms.\n```' };
    const markdown = conformanceMarkdown({ ...run, results: [warning, timeout] });
    expect(markdownProblems(markdown)).toEqual([]);
    expect(markdown).toContain('### Warnings (a failed SHOULD or MAY; `--strict` fails them)\n\n#### KC-READ-4 (SHOULD): a\\_b \\*c\\*\n');
    expect(markdown).toContain('- **expected:** `` `status 200` ``\n- **got:** `500 {"_error": "a | b"}`');
    expect(markdown).toContain('#### KC-JOBS-1 (MUST): a job ends\n\n````text\nTest timed out in 60000ms.\n```\n````');
  });

  it('reads back the parts of a failure message as expect.ts writes it', () => {
    const exchange = { request: { method: 'GET', url: 'http://x/api/v1', headers: {} }, status: 200, headers: new Headers(), text: '', body: undefined, specProblems: [], curl: () => "curl -sS 'http://x/api/v1'" };
    const failure = new ConformanceFailure('status 404', '200 {\n "a": 1\n}', exchange);
    expect(failureParts(`KC-ROUTE-4 a title\n${failure.message}`)).toEqual({ request: "curl -sS 'http://x/api/v1'", expected: 'status 404', got: '200 {\n "a": 1\n}', other: 'KC-ROUTE-4 a title' });
  });
});
