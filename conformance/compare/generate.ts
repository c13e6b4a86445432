// The replay sequence: N steps drawn from the operations table with a seeded generator, so the same
// seed and prefix always give the same requests.
import { Faker, en } from '@faker-js/faker';
import { SequenceModel } from './model.js';
import { operations } from './operations.js';
import type { Context } from './operations.js';
import type { Step, StepDraft } from './steps.js';

export interface SequenceOptions {
  seed: number;
  count: number;
  /** Every name the sequence creates starts with it (e.g. `compare-<run id>-`). */
  prefix: string;
}

/** Steps before which the sequence only creates, so later requests have documents to act on. */
const WARM_UP = 6;

export function generateSequence(options: SequenceOptions): Step[] {
  const faker = new Faker({ locale: [en] });
  faker.seed(options.seed);
  const context: Context = { faker, model: new SequenceModel(options.prefix) };
  const weighted = operations.map((operation) => ({ weight: operation.weight, value: operation }));
  const steps: Step[] = [];
  while (steps.length < options.count) {
    const operation = steps.length < WARM_UP ? warmUp(steps.length) : faker.helpers.weightedArrayElement(weighted);
    const made: StepDraft | readonly StepDraft[] | undefined = operation.make(context);
    for (const draft of made === undefined ? [] : [made].flat()) {
      if (steps.length < options.count) steps.push({ index: steps.length, ...draft });
    }
  }
  return steps;
}

function warmUp(index: number): (typeof operations)[number] {
  const name = ['create objectstore', 'create cluster (a)', 'create cluster (a)', 'create cluster (b)', 'create kubebackup', 'create cluster (a)'][index];
  const operation = operations.find((o) => o.name === name);
  if (!operation) throw new Error(`no operation named "${name}"`);
  return operation;
}
