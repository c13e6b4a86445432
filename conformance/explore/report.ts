// What explore tells people: each violation with its rule, the party at fault, expected and got, and
// the shrunk reproduction as curl lines; the same as JSON, JUnit and Markdown for CI.
import { titleOf } from '../proxy/report.js';
import type { ExploreResult, ExploreViolation } from './run.js';

export interface RunDescription {
  baseUrl: string;
  seed: number;
  profile: string;
  prefix: string;
}

export function textReport(result: ExploreResult, run: RunDescription): string[] {
  const head = `${result.requests} requests against ${run.baseUrl} (seed ${run.seed}, profile ${run.profile}) in ${result.seconds.toFixed(1)} s: ${result.violations.length === 0 ? 'no violation' : `${result.violations.length} rule(s) broken`}`;
  return [head, ...result.violations.flatMap((v) => ['', ...violationLines(v)])];
}

function violationLines(v: ExploreViolation): string[] {
  return [
    `✗ ${v.rule} (${v.party}) ${titleOf(v.rule)}`,
    `  first at request ${v.step + 1} (${v.shape}), ${v.count} time(s) in the run`,
    `  expected: ${v.expected}`,
    `  got:      ${v.got}`,
    `  reproduction (${v.reproduction.length} request(s), shrunk in ${v.shrinkReplays} replay(s); run them in order on a server without these names):`,
    ...v.reproduction.map((line) => `    ${line}`),
  ];
}

export function jsonReport(result: ExploreResult, run: RunDescription): object {
  return { ...run, requests: result.requests, seconds: result.seconds, violations: result.violations.map((v) => ({ ...v, title: titleOf(v.rule) })) };
}

export function markdownReport(result: ExploreResult, run: RunDescription): string {
  const lines = [`# explore: ${run.baseUrl}`, '', `${result.requests} requests, seed ${run.seed}, profile ${run.profile}, ${result.seconds.toFixed(1)} s.`, ''];
  if (result.violations.length === 0) return [...lines, 'No violation.', ''].join('\n');
  lines.push('| rule | party | expected | got | reproduction |', '| --- | --- | --- | --- | --- |');
  for (const v of result.violations) lines.push(`| ${v.rule} | ${v.party} | ${cell(v.expected)} | ${cell(v.got)} | ${v.reproduction.length} request(s) |`);
  for (const v of result.violations) lines.push('', `## ${v.rule} ${titleOf(v.rule)}`, '', '```sh', ...v.reproduction, '```');
  return [...lines, ''].join('\n');
}

export function junitReport(result: ExploreResult): string {
  const cases = result.violations.map(
    (v) => `    <testcase classname="explore" name="${xml(`${v.rule} ${titleOf(v.rule)}`)}">\n      <failure message="${xml(`${v.party}: expected ${v.expected}; got ${v.got}`)}">${xml(v.reproduction.join('\n'))}</failure>\n    </testcase>`,
  );
  if (cases.length === 0) cases.push(`    <testcase classname="explore" name="${result.requests} requests without a violation"/>`);
  const failures = result.violations.length;
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="kubeclusters-mock explore" tests="${cases.length}" failures="${failures}">`, `  <testsuite name="explore" tests="${cases.length}" failures="${failures}">`, ...cases, '  </testsuite>', '</testsuites>', ''].join('\n');
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ').slice(0, 160);

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
