// Findings grouped by kind, each with a count and one reproducible example per side; the text a
// person reads and the JSON a pipeline keeps.
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
  lines.push(
    `${summary.requests} requests to A (${labels.a}) and B (${labels.b}) in ${summary.seconds} s: ` +
      `${summary.differenceCount} difference(s) of ${summary.differences.length} kind(s) outside the allow-list, ${summary.allowedCount} allowed`,
  );
  return lines;
}

function shortValue(value: unknown): string {
  if (value === undefined) return '(absent)';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
