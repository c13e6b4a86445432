// Every `ts runnable` example in README.md and docs/ type-checks with the project's compiler settings and
// passes as a vitest test file importing the built package, so a renamed export or option fails here,
// naming the page and line.
import { beforeAll, describe, expect, it } from 'vitest';
import { documentationPages, runnableExamples, whereIs } from './test-support/pages.js';
import { runTsExamples } from './test-support/ts-examples.js';
import type { TsOutcomes } from './test-support/ts-examples.js';

const examples = documentationPages()
  .flatMap(runnableExamples)
  .filter((example) => example.kind === 'ts');

describe('the TypeScript examples of README.md and docs/', () => {
  let outcomes: TsOutcomes;
  beforeAll(async () => {
    outcomes = await runTsExamples(examples);
  }, 300_000);

  it.each(examples.map((example) => [whereIs(example), example] as const))('%s type-checks and its tests pass', (where, example) => {
    const problems = outcomes.get(example) ?? [`${where}: never ran`];
    expect(problems).toEqual([]);
  });
});
