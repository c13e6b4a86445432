// `conformance --report markdown=<file>`: the run as Markdown for a CI job summary (GitHub's
// $GITHUB_STEP_SUMMARY): the table by area, then each failure and warning with its requirement, its
// level, what was expected and what came back, and the request as a curl line to paste.
import { codeBlock, inlineCode, plain, table } from './markdown.js';
import { SUMMARY_HEADER, summaryRows, verdictLine } from './reporter.js';
import type { RequirementResult } from './reporter.js';
import { exitCodeOf } from './verdict.js';

export interface ConformanceRun {
  target: string;
  profile: string;
  strict: boolean;
  runId: string;
  results: readonly RequirementResult[];
}

/** Failures and warnings written out in full; the rest are counted (a job summary holds 1 MiB). */
const MOST_DETAILED = 50;

export function conformanceMarkdown(run: ConformanceRun): string {
  const { results, strict } = run;
  const failed = results.filter((r) => r.verdict === 'failed');
  const warnings = results.filter((r) => r.verdict === 'warning');
  const passed = exitCodeOf(results.map((r) => r.verdict)) === 0;
  const sections = [
    `## ${passed ? '✅' : '❌'} kubeclusters conformance: ${failed.length} failed, ${warnings.length} warning${warnings.length === 1 ? '' : 's'}`,
    `Target ${inlineCode(run.target)}, profile ${inlineCode(run.profile)}, run ${inlineCode(run.runId)}${strict ? ', `--strict`' : ''}.`,
    table(SUMMARY_HEADER, summaryRows(results), [1, 2, 3, 4]),
    plain(verdictLine(results, strict)),
  ];
  const detailed = [...failed, ...warnings].slice(0, MOST_DETAILED);
  if (failed.length > 0) sections.push('### Failures', ...detailed.filter((r) => r.verdict === 'failed').map(resultSection));
  if (warnings.length > 0) sections.push('### Warnings (a failed SHOULD or MAY; `--strict` fails them)', ...detailed.filter((r) => r.verdict === 'warning').map(resultSection));
  const untold = failed.length + warnings.length - detailed.length;
  if (untold > 0) sections.push(`… and ${untold} more: see the run's output or \`--report json=<file>\`.`);
  return `${sections.join('\n\n')}\n`;
}

function resultSection(result: RequirementResult): string {
  const { request, expected, got, other } = failureParts(withoutHeading(result));
  const blocks = [`#### ${plain(result.id)} (${result.level ?? 'no level'}): ${plain(result.title)}`];
  const said = [expected === undefined ? '' : `- **expected:** ${inlineCode(expected)}`, got === undefined ? '' : `- **got:** ${inlineCode(got)}`].filter(Boolean);
  if (said.length > 0) blocks.push(said.join('\n'));
  if (request !== undefined) blocks.push('Reproduce:', codeBlock(request, 'sh'));
  if (other !== '') blocks.push(codeBlock(other, 'text'));
  return blocks.join('\n\n');
}

/** The message without its first line when that is the id and title (run.ts writes them there), which the heading says. */
function withoutHeading({ id, message = '' }: RequirementResult): string {
  if (!message.startsWith(`${id} `)) return message;
  const end = message.indexOf('\n');
  return end === -1 ? '' : message.slice(end + 1);
}

export interface FailureParts {
  request?: string;
  expected?: string;
  got?: string;
  /** What the message says besides (a transport error, a stack). */
  other: string;
}

type Part = 'request' | 'expected' | 'got';
const PART = /^(request|expected|got): +/;

/** The parts of a failure message as expect.ts writes them (`request:  curl …`, `expected: …`, `got:      …`). */
export function failureParts(message: string): FailureParts {
  const found: FailureParts = { other: '' };
  const other: string[] = [];
  let current: Part | undefined;
  for (const line of message.split('\n')) {
    const label = PART.exec(line);
    if (label) found[(current = label[1] as Part)] = line.slice(label[0].length);
    else if (current) found[current] += `\n${line}`;
    else other.push(line);
  }
  found.other = other.join('\n').trim();
  return found;
}
