// Findings grouped by kind, each with a count and one reproducible example per side; the text a
// person reads and the JSON a pipeline keeps.
import { codeBlock, inlineCode, plain, table } from '../markdown.js';
import type { AllowedDifference } from './allowed-differences.js';
import type { Finding, ReplayResult } from './replay.js';

export interface DifferenceKind {
  kind: string;
  count: number;
  /** The first finding of this kind. */
  example: { step: number; a: unknown; b: unknown; curlA: string; curlB: string };
}

export interface Summary {
  requests: number;
  seconds: number;
  /** Differences outside the allow-list, by kind, most frequent first. */
  differences: DifferenceKind[];
  differenceCount: number;
  /** Allowed differences: how many each allow-list row permitted. */
  allowed: Record<string, number>;
  allowedCount: number;
}

export function summarise(result: ReplayResult): Summary {
  const open = result.findings.filter((f) => !f.allowedBy);
  const allowed: Record<string, number> = {};
  for (const finding of result.findings) if (finding.allowedBy) allowed[finding.allowedBy] = (allowed[finding.allowedBy] ?? 0) + 1;
  return {
    requests: result.steps,
    seconds: Math.round(result.ms / 100) / 10,
    differences: groupByKind(open),
    differenceCount: open.length,
    allowed,
    allowedCount: result.findings.length - open.length,
  };
}

export function groupByKind(findings: readonly Finding[]): DifferenceKind[] {
  const kinds = new Map<string, DifferenceKind>();
  for (const f of findings) {
    const known = kinds.get(f.kind);
    if (known) known.count++;
    else kinds.set(f.kind, { kind: f.kind, count: 1, example: { step: f.step.index, a: f.delta.a, b: f.delta.b, curlA: f.curlA, curlB: f.curlB } });
  }
  return [...kinds.values()].sort((x, y) => y.count - x.count || x.kind.localeCompare(y.kind));
}

/** The report as lines: one block per kind of difference, then the allow-list counts, then the summary line. */
export function formatSummary(summary: Summary, labels: { a: string; b: string }): string[] {
  const lines: string[] = [];
  for (const kind of summary.differences) {
    lines.push(`✗ ${kind.count}× ${kind.kind}`);
    lines.push(`    A: ${shortValue(kind.example.a)}`, `    B: ${shortValue(kind.example.b)}`);
    lines.push(`    A (step ${kind.example.step}): ${kind.example.curlA}`, `    B: ${kind.example.curlB}`);
  }
  const rows = Object.entries(summary.allowed);
  if (rows.length > 0) lines.push(`Allowed differences (allowed-differences.ts): ${rows.map(([id, n]) => `${id} ${n}`).join(', ')}`);
  lines.push(summaryLine(summary, labels));
  return lines;
}

function summaryLine(summary: Summary, labels: { a: string; b: string }): string {
  return (
    `${summary.requests} requests to A (${labels.a}) and B (${labels.b}) in ${summary.seconds} s: ` +
    `${summary.differenceCount} difference(s) of ${summary.differences.length} kind(s) outside the allow-list, ${summary.allowedCount} allowed`
  );
}

/** Kinds of difference in the table, and written out with their curl lines; the rest are only counted (a job summary holds 1 MiB). */
const MOST_IN_TABLE = 300;
const MOST_DETAILED = 50;

/**
 * `compare --report markdown=<file>`, for a CI job summary: the summary line, the kinds of difference
 * (count, each side's value, the first step) and each kind's two curl lines, then the allow-list counts.
 */
export function compareMarkdown(summary: Summary, labels: { a: string; b: string; seed: number }, allowList: readonly Pick<AllowedDifference, 'id' | 'reason'>[]): string {
  const icon = summary.differenceCount === 0 ? '✅' : '❌';
  const sections = [
    `## ${icon} kubeclusters compare: ${summary.differenceCount} difference(s) of ${summary.differences.length} kind(s)`,
    `${plain(summaryLine(summary, labels))}. The same sequence again: ${inlineCode(`--seed ${labels.seed}`)}.`,
  ];
  if (summary.differences.length > 0) {
    const rows = summary.differences.slice(0, MOST_IN_TABLE).map((d) => [plain(d.kind), String(d.count), String(d.example.step), inlineCode(shortValue(d.example.a)), inlineCode(shortValue(d.example.b))]);
    sections.push('### Differences outside the allow-list', table(['Kind', 'Count', 'First at step', 'A', 'B'], rows, [1, 2]));
    sections.push(...summary.differences.slice(0, MOST_DETAILED).map((d) => kindSection(d, labels)));
    const untold = summary.differences.length - MOST_DETAILED;
    if (untold > 0) sections.push(`… and ${untold} more kinds${summary.differences.length > MOST_IN_TABLE ? `, ${summary.differences.length - MOST_IN_TABLE} of them not in the table` : ''}: see \`--report json=<file>\`.`);
  }
  const allowed = Object.entries(summary.allowed);
  if (allowed.length > 0) {
    const reasons = new Map(allowList.map(({ id, reason }) => [id, reason]));
    sections.push('### Allowed differences (allowed-differences.ts)', table(['Allow-list row', 'Count', 'Reason'], allowed.map(([id, n]) => [inlineCode(id), String(n), plain(reasons.get(id) ?? '')]), [1]));
  }
  return `${sections.join('\n\n')}\n`;
}

function kindSection(kind: DifferenceKind, labels: { a: string; b: string }): string {
  const curl = [`# A (${labels.a}), step ${kind.example.step}`, kind.example.curlA, `# B (${labels.b})`, kind.example.curlB].join('\n');
  return `#### ${plain(kind.kind)} (${kind.count}×)\n\n${codeBlock(curl, 'sh')}`;
}

function shortValue(value: unknown): string {
  if (value === undefined) return '(absent)';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
