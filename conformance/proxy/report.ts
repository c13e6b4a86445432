// What the proxy tells people: one line per violation as it happens, a summary by rule when it stops,
// and the same as JUnit and JSON for CI.
import { requirementsById } from '../requirements.js';
import { specRules } from '../rules/ids.js';
import { PROXY_TIMEOUT } from './in-flight.js';
import type { Unanswered } from './in-flight.js';
import type { Finding } from './server.js';

/** What the proxy itself finds, beyond the catalogue and the spec. */
const proxyRules: Record<string, string> = {
  [PROXY_TIMEOUT]: 'the server answers every exchange within the proxy\'s --upstream-timeout',
};

export function titleOf(rule: string): string {
  return requirementsById.get(rule)?.title ?? specRules[rule as keyof typeof specRules] ?? proxyRules[rule] ?? rule;
}

/** `✗ KC-ETAG-2 server: expected …; got … ← curl …` on one line, the token redacted. */
export function violationLine({ violation, exchange }: Finding): string {
  const flat = (text: string) => text.replace(/\s*\n\s*/g, ' ');
  return `✗ ${violation.rule} ${violation.party}: expected ${flat(violation.expected)}; got ${flat(violation.got)} ← ${exchange.curl()}`;
}

interface RuleCount {
  rule: string;
  client: number;
  server: number;
}

export function countByRule(findings: readonly Finding[]): RuleCount[] {
  const counts = new Map<string, RuleCount>();
  for (const { violation } of findings) {
    const count = counts.get(violation.rule) ?? { rule: violation.rule, client: 0, server: 0 };
    count[violation.party]++;
    counts.set(violation.rule, count);
  }
  return [...counts.values()].sort((a, b) => a.rule.localeCompare(b.rule, 'en', { numeric: true }));
}

export function summary(findings: readonly Finding[], exchanges: number, unanswered: readonly Unanswered[] = []): string {
  const counts = countByRule(findings);
  const parties = (party: 'client' | 'server') => findings.filter((f) => f.violation.party === party).length;
  const lines = [`${exchanges} exchanges, ${findings.length} violations (client ${parties('client')}, server ${parties('server')})`];
  if (counts.length > 0) lines.push(`${'rule'.padEnd(13)} ${'client'.padStart(6)} ${'server'.padStart(6)}  requirement`);
  for (const c of counts) lines.push(`${c.rule.padEnd(13)} ${String(c.client).padStart(6)} ${String(c.server).padStart(6)}  ${titleOf(c.rule)}`);
  if (unanswered.length > 0) lines.push(`${unanswered.length} unanswered when the proxy stopped (their clients got 504):`);
  for (const u of unanswered) lines.push(`  after ${u.waited} s: ${u.request}`);
  return lines.join('\n');
}

export function jsonReport(findings: readonly Finding[], exchanges: number, target: string, unanswered: readonly Unanswered[] = []): object {
  return {
    target,
    exchanges,
    summary: countByRule(findings).map((c) => ({ ...c, title: titleOf(c.rule) })),
    violations: findings.map(({ violation, exchange }) => ({ ...violation, request: exchange.curl(), status: exchange.status })),
    unanswered,
  };
}

/** One test case per rule broken (each violation a failure); with none, one passing case for the traffic seen. */
export function junitReport(findings: readonly Finding[], exchanges: number): string {
  const counts = countByRule(findings);
  const cases = counts.map((c) => {
    const failures = findings
      .filter((f) => f.violation.rule === c.rule)
      .map((f) => `      <failure message="${xml(`${f.violation.party}: expected ${f.violation.expected}; got ${f.violation.got}`)}">${xml(f.exchange.curl())}</failure>`);
    return `    <testcase classname="proxy" name="${xml(`${c.rule} ${titleOf(c.rule)}`)}">\n${failures.join('\n')}\n    </testcase>`;
  });
  if (cases.length === 0) cases.push(`    <testcase classname="proxy" name="${exchanges} exchanges without a violation"/>`);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="kubeclusters-mock proxy" tests="${cases.length}" failures="${counts.length}">`,
    `  <testsuite name="proxy" tests="${cases.length}" failures="${counts.length}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
