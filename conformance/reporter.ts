// The CLI's vitest reporter: one line per requirement as it finishes, then passed/failed/skipped by area.
import type { Reporter, TestCase, TestModule } from 'vitest/node';
import { areas, requirementsById } from './requirements.js';
import type { Area, Level } from './requirements.js';

export interface RequirementResult {
  id: string;
  area: string;
  level: Level | undefined;
  title: string;
  outcome: 'passed' | 'failed' | 'skipped';
  message?: string;
}

const MARK = { passed: '✓', failed: '✗', skipped: '-' } as const;

export class ProgressReporter implements Reporter {
  readonly results: RequirementResult[] = [];
  readonly loadErrors: string[] = [];
  readonly #write: (text: string) => void;

  constructor(write: (text: string) => void = (text) => process.stdout.write(text)) {
    this.#write = write;
  }

  onTestCaseResult(testCase: TestCase): void {
    const result = testCase.result();
    if (result.state === 'pending') return;
    const [id = testCase.name, ...words] = testCase.name.split(' ');
    const requirement = requirementsById.get(id);
    const outcome = result.state;
    const message = outcome === 'failed' ? (result.errors ?? []).map((e) => e.message).join('\n') : outcome === 'skipped' ? result.note : undefined;
    this.results.push({ id, area: requirement?.area ?? '?', level: requirement?.level, title: words.join(' '), outcome, ...(message ? { message } : {}) });
    const note = outcome === 'skipped' && message ? `  (skipped: ${message})` : '';
    this.#write(`${MARK[outcome]} ${id.padEnd(13)} ${words.join(' ')}${note}\n`);
    if (outcome === 'failed' && message) this.#write(`${indent(message)}\n`);
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<{ message?: string }>): void {
    for (const module of testModules) for (const error of module.errors()) this.loadErrors.push(error.message);
    for (const error of unhandledErrors) this.loadErrors.push(error.message ?? String(error));
    this.#write(`\n${summaryTable(this.results)}\n`);
  }
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `      ${line}`)
    .join('\n');
}

export function summaryTable(results: readonly RequirementResult[]): string {
  const rows = [['Area', 'passed', 'failed', 'skipped']];
  const count = (list: readonly RequirementResult[], outcome: RequirementResult['outcome']) => String(list.filter((r) => r.outcome === outcome).length);
  for (const area of Object.keys(areas) as Area[]) {
    const inArea = results.filter((r) => r.area === area);
    if (inArea.length > 0) rows.push([`${area} ${areas[area]}`, count(inArea, 'passed'), count(inArea, 'failed'), count(inArea, 'skipped')]);
  }
  rows.push(['Total', count(results, 'passed'), count(results, 'failed'), count(results, 'skipped')]);
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ')).join('\n');
}
