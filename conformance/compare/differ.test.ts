import { describe, expect, it } from 'vitest';
import { allowedBy } from './allowed-differences.js';
import { deltaKind, diffAnswers } from './differ.js';
import type { Normalised } from './normalise.js';
import { summarise } from './report.js';
import type { Finding } from './replay.js';
import type { Step } from './steps.js';

const ok: Normalised = { status: 200, headers: { 'content-type': 'application/json', etag: '"<etag x>" (= _etag)' }, body: { name: 'c', tags: { env: 'qa' }, _items: [{ a: 1 }, { a: 2 }] } };
const step = (shape: string, extra: Partial<Step> = {}): Step => ({ index: 0, shape, sender: 'a', method: 'GET', path: '/api/v1/kubeclusters', headers: {}, ...extra });

describe('finding differences', () => {
  it('COMPARE-DIFF-1 equal answers, key order aside, have no delta', () => {
    expect(diffAnswers(ok, { ...ok, body: { _items: [{ a: 1 }, { a: 2 }], tags: { env: 'qa' }, name: 'c' } })).toEqual([]);
  });

  it('COMPARE-DIFF-2 a status difference is one delta, whatever else differs', () => {
    expect(diffAnswers(ok, { status: 404, headers: {}, body: undefined })).toEqual([{ part: 'status', a: 200, b: 404 }]);
  });

  it('COMPARE-DIFF-3 a header and body fields (nested, missing, in list items) are each found once', () => {
    const other: Normalised = { status: 200, headers: { 'content-type': 'text/html' }, body: { name: 'c', tags: { env: 'prod' }, _items: [{ a: 9 }, { a: 8 }, { a: 3 }] } };
    const deltas = diffAnswers(ok, other);
    expect(deltas).toEqual([
      { part: 'header content-type', a: 'application/json', b: 'text/html' },
      { part: 'header etag', a: '"<etag x>" (= _etag)', b: undefined },
      { part: 'body _items (length)', a: 2, b: 3 },
      { part: 'body _items[].a', a: 1, b: 9 },
      { part: 'body tags.env', a: 'qa', b: 'prod' },
    ]);
    expect(deltas.map(deltaKind)).toEqual([
      'header content-type: application/json vs text/html', 'header etag: only in A', 'body _items (length): differs', 'body _items[].a: differs', 'body tags.env: differs',
    ]);
  });

  it('COMPARE-DIFF-4 findings group by shape and delta kind; allow-listed ones are counted apart, by row', () => {
    const finding = (shape: string, status: [number, number], allowed?: string): Finding => ({
      step: step(shape), delta: { part: 'status', a: status[0], b: status[1] }, kind: `${shape} | status ${status[0]} vs ${status[1]}`, curlA: 'curl a', curlB: 'curl b', ...(allowed ? { allowedBy: allowed } : {}),
    });
    const summary = summarise({
      steps: 10, ms: 1500, records: [],
      findings: [finding('DELETE x', [404, 204]), finding('DELETE x', [404, 204]), finding('PUT y', [404, 403]), finding('GET z', [400, 500], 'reference-500-empty-or')],
    });
    expect(summary).toMatchObject({ requests: 10, seconds: 1.5, differenceCount: 3, allowedCount: 1, allowed: { 'reference-500-empty-or': 1 } });
    expect(summary.differences.map((d) => [d.kind, d.count])).toEqual([['DELETE x | status 404 vs 204', 2], ['PUT y | status 404 vs 403', 1]]);
  });
});

describe('the allow-list', () => {
  const answer = (status: number, body?: unknown): Normalised => ({ status, headers: {}, body });

  it('COMPARE-ALLOW-1 a more specific error message is allowed on 400 and 409 only, and never a status or code change', () => {
    const message = { part: 'body _error.message', a: 'where: unknown operator $foo', b: 'The browser (or proxy) sent a request…' };
    expect(allowedBy({ step: step('GET kubeclusters?where unknown operator'), delta: message, a: answer(400), b: answer(400) })?.id).toBe('specific-error-message');
    expect(allowedBy({ step: step('PATCH x'), delta: message, a: answer(422), b: answer(422) })).toBeUndefined();
    expect(allowedBy({ step: step('GET x'), delta: { part: 'body _error.code', a: 400, b: 404 }, a: answer(400), b: answer(400) })).toBeUndefined();
    expect(allowedBy({ step: step('GET x'), delta: { part: 'status', a: 400, b: 500 }, a: answer(400), b: answer(500) })).toBeUndefined();
  });

  it("COMPARE-ALLOW-2 the reference's crashes are allowed only for their request and only as 400 vs 500", () => {
    const crash = { part: 'status', a: 400, b: 500 };
    expect(allowedBy({ step: step('GET kubeclusters?where invalid regex'), delta: crash, a: answer(400), b: answer(500) })?.id).toBe('reference-500-invalid-regex');
    expect(allowedBy({ step: step('GET kubeclusters?where invalid regex'), delta: { part: 'status', a: 200, b: 500 }, a: answer(200), b: answer(500) })).toBeUndefined();
    expect(allowedBy({ step: step('GET kubeclusters?where bad syntax'), delta: crash, a: answer(400), b: answer(500) })).toBeUndefined();
  });

  it('COMPARE-ALLOW-3 a mongomock departure is allowed for the matched documents of its own query, not for other parts', () => {
    const items = { part: 'body _items (length)', a: 1, b: 3 };
    expect(allowedBy({ step: step('GET kubeclusters?where tags empty object'), delta: items, a: answer(200), b: answer(200) })?.id).toBe('mongomock-empty-document-equality');
    expect(allowedBy({ step: step('GET kubeclusters?where null'), delta: items, a: answer(200), b: answer(200) })).toBeUndefined();
    expect(allowedBy({ step: step('GET kubeclusters?where tags empty object'), delta: { part: 'header content-type', a: 'a', b: 'b' }, a: answer(200), b: answer(200) })).toBeUndefined();
  });
});
