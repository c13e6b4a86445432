import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allChecks } from './checks/index.js';
import { areas, requirements } from './requirements.js';
import { renderRequirements } from './requirements-doc.js';
import { runChecks } from './run.js';
import type { CheckResult } from './run.js';
import { configFromEnv, openTarget } from './target.js';
import { brokenVariants, variantFetch } from './test-support/variants.js';
import type { BrokenVariant } from './test-support/variants.js';

function inProcessConfig() {
  return { ...configFromEnv({}), runId: 'meta' };
}

/** The whole suite against the mock; against a broken variant, only the checks of the requirement it breaks. */
async function runAgainst(variant?: BrokenVariant): Promise<CheckResult[]> {
  const target = openTarget(inProcessConfig(), variant ? { fetch: variantFetch(variant) } : {});
  return runChecks(target, variant ? { only: (id) => id === variant.breaks } : {});
}

describe('the requirement catalogue', () => {
  it('gives every requirement at least one check, and every check a known requirement', () => {
    const checked = new Set(allChecks.map((c) => c.id));
    expect(requirements.filter((r) => !checked.has(r.id)).map((r) => r.id)).toEqual([]);
    const known = new Set(requirements.map((r) => r.id));
    expect(allChecks.filter((c) => !known.has(c.id)).map((c) => c.id)).toEqual([]);
  });

  it('numbers requirements KC-<AREA>-<n> (KC-RES-<RESOURCE>-<n> for a resource) in a known area, without duplicates', () => {
    const ids = requirements.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^KC-(RES-)?[A-Z]+-\d+$/);
    expect(requirements.filter((r) => !(r.area in areas)).map((r) => r.id)).toEqual([]);
  });

  it('is listed in REQUIREMENTS.md as generated (run `npm run gen:requirements` if not)', () => {
    expect(readFileSync(new URL('./REQUIREMENTS.md', import.meta.url), 'utf8')).toBe(renderRequirements());
  });
});

describe('the suite against the mock and deliberately broken mocks', () => {
  it('passes every check against the unbroken mock, skipping none', async () => {
    const results = await runAgainst();
    expect(results.filter((r) => r.outcome !== 'passed').map((r) => `${r.outcome} ${r.message}`)).toEqual([]);
  });

  it('knows at least 35 broken variants, each breaking a requirement of the catalogue', () => {
    expect(brokenVariants.length).toBeGreaterThanOrEqual(35);
    expect(new Set(brokenVariants.map((v) => v.name)).size).toBe(brokenVariants.length);
    for (const variant of brokenVariants) expect(requirements.map((r) => r.id)).toContain(variant.breaks);
  });

  it('breaks every requirement of a resource (KC-RES-…) with at least one variant', () => {
    const broken = new Set(brokenVariants.map((v) => v.breaks));
    expect(requirements.filter((r) => r.id.startsWith('KC-RES-') && !broken.has(r.id)).map((r) => r.id)).toEqual([]);
  });

  it.each(brokenVariants.map((v) => [v.breaks, v.name, v] as const))('fails %s when %s', async (id, _name, variant) => {
    const failed = (await runAgainst(variant)).filter((r) => r.outcome === 'failed');
    expect(failed.map((r) => r.id)).toContain(id);
    const message = failed.find((r) => r.id === id)?.message ?? '';
    expect(message.startsWith(id)).toBe(true);
    expect(message).toMatch(/expected: .+\ngot: /s);
  });
});
