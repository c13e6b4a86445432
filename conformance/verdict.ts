// What a check's outcome means for the run, by the requirement's level: the one place that decides
// whether a failure fails the run (a MUST, or anything under --strict) or is a warning.
import type { Level } from './requirements.js';

export type Outcome = 'passed' | 'failed' | 'skipped';
export type Verdict = 'passed' | 'failed' | 'warning' | 'skipped';

export function verdictOf(outcome: Outcome, level: Level | undefined, strict: boolean): Verdict {
  if (outcome !== 'failed') return outcome;
  return level === 'MUST' || level === undefined || strict ? 'failed' : 'warning';
}

export interface Tally {
  passed: number;
  failed: number;
  warning: number;
  skipped: number;
}

export function tally(verdicts: readonly Verdict[]): Tally {
  const counts: Tally = { passed: 0, failed: 0, warning: 0, skipped: 0 };
  for (const verdict of verdicts) counts[verdict]++;
  return counts;
}

/** The process exit code of a run: 1 when any verdict is a failure, else 0. */
export function exitCodeOf(verdicts: readonly Verdict[]): 0 | 1 {
  return verdicts.includes('failed') ? 1 : 0;
}
