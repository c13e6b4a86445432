// The replay: each step goes to both servers at once, each answer is normalised with its own server's
// symbols, and every delta is recorded as a finding (allowed by a row of the allow-list, or not).
import { allowedBy, allowedDifferences } from './allowed-differences.js';
import type { AllowedDifference } from './allowed-differences.js';
import { deltaKind, diffAnswers } from './differ.js';
import type { Delta } from './differ.js';
import { normalise } from './normalise.js';
import type { Normalised } from './normalise.js';
import type { Outcome, Side } from './side.js';
import type { Step } from './steps.js';
import { documentsIn } from './symbols.js';

export interface Finding {
  step: Step;
  delta: Delta;
  /** Shape, part and delta: findings of one kind are one line of the report. */
  kind: string;
  /** The allow-list row that permits it. */
  allowedBy?: string;
  curlA: string;
  curlB: string;
}

export interface StepRecord {
  step: Step;
  a: Normalised;
  b: Normalised;
}

export interface ReplayOptions {
  allowList?: readonly AllowedDifference[];
  /** Called with a progress line every `progressEvery` steps. */
  progress?: (line: string) => void;
  progressEvery?: number;
  /** Keep both normalised answers of every step (for table-driven tests). */
  keepAnswers?: boolean;
}

export interface ReplayResult {
  steps: number;
  findings: Finding[];
  records: StepRecord[];
  ms: number;
}

export async function replay(steps: readonly Step[], a: Side, b: Side, options: ReplayOptions = {}): Promise<ReplayResult> {
  const started = Date.now();
  const findings: Finding[] = [];
  const records: StepRecord[] = [];
  const every = options.progressEvery ?? 250;
  for (const step of steps) {
    const [outA, outB] = await Promise.all([a.send(step), b.send(step)]);
    const normalA = normaliseOutcome(outA, a);
    const normalB = normaliseOutcome(outB, b);
    if (options.keepAnswers) records.push({ step, a: normalA, b: normalB });
    for (const delta of diffAnswers(normalA, normalB)) {
      const row = allowedBy({ step, delta, a: normalA, b: normalB }, options.allowList ?? allowedDifferences);
      findings.push({ step, delta, kind: `${step.shape} | ${deltaKind(delta)}`, ...(row ? { allowedBy: row.id } : {}), curlA: curlOf(outA), curlB: curlOf(outB) });
    }
    await realign(step, [outA, a], [outB, b]);
    const done = step.index + 1;
    if (options.progress && done % every === 0 && done < steps.length) {
      const open = findings.filter((f) => !f.allowedBy).length;
      options.progress(`  … ${done}/${steps.length} requests, ${open} difference(s) so far, ${Math.round((Date.now() - started) / 1000)} s`);
    }
  }
  return { steps: steps.length, findings, records, ms: Date.now() - started };
}

function normaliseOutcome(outcome: Outcome, side: Side): Normalised {
  if (outcome.error !== undefined) return { status: 0, headers: {}, body: `no answer: ${outcome.error}` };
  return normalise(outcome.exchange, { symbols: side.symbols, origin: side.origin });
}

function curlOf(outcome: Outcome): string {
  return outcome.error !== undefined ? outcome.curl : outcome.exchange.curl();
}

/**
 * When only one server created documents, they are deleted there at once, so that later lists and
 * checks compare the same data: the difference itself is already recorded.
 */
async function realign(step: Step, ...sides: Array<[Outcome, Side]>): Promise<void> {
  if (step.method !== 'POST' || !step.resource) return;
  const created = sides.map(([outcome]) => outcome.exchange?.status === 201);
  if (created[0] === created[1]) return;
  const [outcome, side] = sides[created[0] ? 0 : 1] as [Outcome, Side];
  const client = side.client(step.sender === 'b' ? 'b' : 'a');
  for (const doc of documentsIn(outcome.exchange?.body)) {
    if (typeof doc['_id'] === 'string') await client.delete(step.resource, doc['_id'], String(doc['_etag'])).catch(() => undefined);
  }
}
