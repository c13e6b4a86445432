// The CLI's vitest reporter: one line per requirement as it finishes (with its level), then passed,
// failed, warnings and skipped by area, and what the levels make of it.
import type { Reporter, TestCase, TestModule } from 'vitest/node';
import { areas, requirementsById } from './requirements.js';
import type { Area, Level } from './requirements.js';
import { exitCodeOf, tally, verdictOf } from './verdict.js';
import type { Outcome, Verdict } from './verdict.js';

export interface RequirementResult {
  id: string;
  area: string;
  level: Level | undefined;
  title: string;
  outcome: Outcome;
  /** What the outcome means for the run, by level (a failed SHOULD or MAY is a warning unless --strict). */
  verdict: Verdict;
  message?: string;
}

const MARK: Record<Verdict, string> = { passed: '✓', failed: '✗', warning: '!', skipped: '-' };

export class ProgressReporter implements Reporter {
  readonly results: RequirementResult[] = [];
  readonly loadErrors: string[] = [];
  readonly #write: (text: string) => void;
  readonly #strict: boolean;

  constructor(options: { strict?: boolean; write?: (text: string) => void } = {}) {
    this.#write = options.write ?? ((text) => process.stdout.write(text));
    this.#strict = options.strict ?? false;
  }

  onTestCaseResult(testCase: TestCase): void {
    const result = testCase.result();
    if (result.state === 'pending') return;
    const [id = testCase.name, ...words] = testCase.name.split(' ');
    const requirement = requirementsById.get(id);
    const outcome = result.state;
    const verdict = verdictOf(outcome, requirement?.level, this.#strict);
    const message = outcome === 'failed' ? (result.errors ?? []).map((e) => e.message).join('\n') : outcome === 'skipped' ? result.note : undefined;
    this.results.push({ id, area: requirement?.area ?? '?', level: requirement?.level, title: words.join(' '), outcome, verdict, ...(message ? { message } : {}) });
    const note = outcome === 'skipped' && message ? `  (skipped: ${message})` : verdict === 'warning' ? '  (warning: a failed SHOULD/MAY; --strict fails it)' : '';
    this.#write(`${MARK[verdict]} ${id.padEnd(13)} ${(requirement?.level ?? '').padEnd(6)} ${words.join(' ')}${note}\n`);
    if (outcome === 'failed' && message) this.#write(`${indent(message)}\n`);
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<{ message?: string }>): void {
    for (const module of testModules) for (const error of module.errors()) this.loadErrors.push(error.message);
    for (const error of unhandledErrors) this.loadErrors.push(error.message ?? String(error));
    this.#write(`\n${summaryTable(this.results)}\n${verdictLine(this.results, this.#strict)}\n`);
  }
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `      ${line}`)
    .join('\n');
}

export const SUMMARY_HEADER = ['Area', 'passed', 'failed', 'warnings', 'skipped'] as const;

/** One row per area that has results (its name, then the counts of SUMMARY_HEADER), then the total. */
export function summaryRows(results: readonly RequirementResult[]): string[][] {
  const rows: string[][] = [];
  const row = (label: string, list: readonly RequirementResult[]) => {
    const counts = tally(list.map((r) => r.verdict));
    rows.push([label, ...[counts.passed, counts.failed, counts.warning, counts.skipped].map(String)]);
  };
  for (const area of Object.keys(areas) as Area[]) {
    const inArea = results.filter((r) => r.area === area);
    if (inArea.length > 0) row(`${area} ${areas[area]}`, inArea);
  }
  row('Total', results);
  return rows;
}

export function summaryTable(results: readonly RequirementResult[]): string {
  const rows = [[...SUMMARY_HEADER], ...summaryRows(results)];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((cells) => cells[column]!.length)));
  return rows.map((cells) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ')).join('\n');
}

/** One line saying which failures decide the exit code. */
export function verdictLine(results: readonly RequirementResult[], strict: boolean): string {
  const ids = (verdict: Verdict) => results.filter((r) => r.verdict === verdict).map((r) => `${r.id} (${r.level ?? '?'})`);
  const failed = ids('failed');
  const warnings = ids('warning');
  const parts = [failed.length > 0 ? `failed: ${failed.join(', ')}` : `no failures${strict ? ' (--strict: every level counts)' : ' of a MUST'}`];
  if (warnings.length > 0) parts.push(`warnings (a SHOULD or MAY; --strict fails them): ${warnings.join(', ')}`);
  return `${parts.join('; ')}. Exit code ${exitCodeOf(results.map((r) => r.verdict))}.`;
}
