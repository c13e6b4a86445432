import { describe, expect, it } from 'vitest';
import { generateSequence } from './generate.js';

const options = { seed: 42, count: 1000, prefix: 'compare-t-' };

describe('the replay sequence', () => {
  it('COMPARE-GEN-1 the same seed and prefix give the same sequence; another seed another one', () => {
    expect(generateSequence(options)).toEqual(generateSequence(options));
    expect(generateSequence({ ...options, seed: 43 })).not.toEqual(generateSequence(options));
  });

  it('COMPARE-GEN-2 a sequence of 1000 covers every family of request the comparison needs', () => {
    const shapes = generateSequence(options).map((step) => step.shape);
    const expected = [
      'POST kubeclusters: valid', 'POST kubeclusters: missing name', 'POST kubeclusters: bulk valid', 'POST kubeclusters: bulk empty array',
      'POST kubeclusters: duplicate name', 'POST kubeclusters: client _id', 'POST kubeclusters: malformed JSON', 'POST kubeclusters: text/plain body',
      'POST objectstores: valid', 'POST kubebackups: valid', 'GET kubeclusters?where python equals', 'GET kubeclusters?sort mongo form',
      'PATCH kubeclusters/{id}: stale If-Match', 'PATCH kubeclusters/{id}: missing If-Match', 'PUT kubeclusters/{id}: full body',
      'DELETE kubeclusters/{id}: current If-Match', 'DELETE kubeclusters/{id}: used by a backup', 'GET kubeclusters/{id}: If-None-Match current',
      "GET kubeclusters/{id}: another tenant's item [as tenant b]", "PUT kubeclusters/{id}: another tenant's item [as tenant b]",
      'GET kubeclusters [as anonymous]', 'OPTIONS kubeclusters', 'GET kubeclusters/{id}: unknown id',
      'POST kubeclusters: bulk repeated name', 'PUT kubeclusters/{id}: same full body again',
    ];
    for (const shape of expected) expect(shapes, shape).toContain(shape);
  });

  it('COMPARE-GEN-3 every created name carries the prefix and the tenant, so tenants never share a name', () => {
    const steps = generateSequence(options).filter((step) => step.method === 'POST' && step.creates);
    expect(steps.length).toBeGreaterThan(50);
    for (const step of steps) {
      const names = [...(step.body ?? '').matchAll(/"name":"([^"]*)"/g)].map((m) => m[1]);
      for (const name of names) expect(name).toMatch(step.sender === 'b' ? /^compare-t-b-/ : /^compare-t-a-/);
    }
  });

  it('COMPARE-GEN-4 no step sends a regex that could backtrack catastrophically (the reference would hang)', () => {
    for (const step of generateSequence({ ...options, count: 3000 })) {
      expect(decodeURIComponent(step.path)).not.toMatch(/\([^)]*[+*]\)[+*]/);
    }
  });

  it('COMPARE-GEN-5 a repeated PUT follows its first PUT at once: same document, same body, the etag that PUT will answer', () => {
    const steps = generateSequence(options);
    const repeats = steps.filter((step) => step.shape.endsWith(': same full body again'));
    expect(repeats.length).toBeGreaterThan(3);
    for (const repeat of repeats) {
      const first = steps[repeat.index - 1];
      expect(first).toMatchObject({ method: 'PUT', path: repeat.path, body: repeat.body, headers: repeat.headers });
      expect(first?.shape).toMatch(/: full body$/);
      expect(repeat.headers['If-Match']).toMatch(/^\{\{etag /);
    }
  });

  it('COMPARE-GEN-6 a bulk POST repeating a name sends one new name twice and expects nothing created', () => {
    const bulks = generateSequence(options).filter((step) => step.shape === 'POST kubeclusters: bulk repeated name');
    expect(bulks.length).toBeGreaterThan(0);
    for (const bulk of bulks) {
      const names = (JSON.parse(bulk.body ?? '[]') as Array<{ name: string }>).map((doc) => doc.name);
      expect(names).toHaveLength(2);
      expect(names[0]).toBe(names[1]);
      expect(bulk.creates).toBeUndefined();
    }
  });
});
