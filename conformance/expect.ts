// Assertions on exchanges. A failure names the request (as curl), what was expected and what came back;
// the runner puts the requirement id in front.
import type { Exchange } from './client.js';
import { resolveProfile } from '../mock/options.js';
import { eveErrorBody } from './rules/answers.js';
import { bareEtag, deepEqual, show } from './rules/rule.js';
import type { Rule, RuleContext } from './rules/rule.js';

export { bareEtag, deepEqual, show };

export class ConformanceFailure extends Error {
  override name = 'ConformanceFailure';
  constructor(
    readonly expected: string,
    readonly got: string,
    readonly exchange?: Exchange,
  ) {
    super(describeFailure(expected, got, exchange));
  }
}

function describeFailure(expected: string, got: string, exchange: Exchange | undefined): string {
  const lines = [`expected: ${expected}`, `got:      ${got}`];
  if (exchange) lines.unshift(`request:  ${exchange.curl()}`);
  return lines.join('\n');
}

/** A short rendering of an answer for failure messages. */
export function answerOf(exchange: Exchange): string {
  const text = exchange.text.length > 300 ? `${exchange.text.slice(0, 300)}…` : exchange.text;
  return `${exchange.status}${text ? ` ${text}` : ' (no body)'}`;
}

export function fail(expected: string, got: string, exchange?: Exchange): never {
  throw new ConformanceFailure(expected, got, exchange);
}

export function expectThat(condition: boolean, expected: string, got: string | (() => string), exchange?: Exchange): asserts condition {
  if (!condition) fail(expected, typeof got === 'function' ? got() : got, exchange);
}

/** The status, and an answer exactly as the spec documents it for that status. */
export function expectStatus(exchange: Exchange, ...statuses: number[]): void {
  expectThat(statuses.includes(exchange.status), `status ${statuses.join(' or ')}`, () => answerOf(exchange), exchange);
  expectSpec(exchange);
}

export function expectSpec(exchange: Exchange): void {
  expectThat(exchange.specProblems.length === 0, 'an answer as the spec documents it', () => `${exchange.status}: ${exchange.specProblems.join('; ')}`, exchange);
}

/** Eve's error body: `{"_status": "ERR", "_error": {"code": <status>, "message": …}}`. */
export function expectEveError(exchange: Exchange, ...statuses: number[]): void {
  expectStatus(exchange, ...statuses);
  expectEveBody(exchange);
}

/** Only the body shape, for answers the spec does not list (an injected fault, a status the spec lacks). */
export function expectEveBody(exchange: Exchange): void {
  expectThat(exchange.status >= 400, `an error status with an Eve error body`, () => answerOf(exchange), exchange);
  expectRule(exchange, eveErrorBody);
}

const defaultContext: RuleContext = { profile: resolveProfile('strict') };

/** A shared rule (conformance/rules) holds for the exchange: the first violation it sees fails the check. */
export function expectRule(exchange: Exchange, rule: Rule, context: RuleContext = defaultContext): void {
  const [violation] = rule(exchange, context);
  if (violation) fail(violation.expected, violation.got, exchange);
}

export function expectHeader(exchange: Exchange, name: string, test: RegExp | ((value: string) => boolean), description: string): string {
  const value = exchange.headers.get(name);
  const ok = value !== null && (typeof test === 'function' ? test(value) : test.test(value));
  expectThat(ok, `header ${name}: ${description}`, value === null ? `no ${name} header` : `${name}: ${value}`, exchange);
  return value as string;
}

export function expectEqual(actual: unknown, expected: unknown, what: string, exchange?: Exchange): void {
  expectThat(deepEqual(actual, expected), `${what} = ${show(expected)}`, `${what} = ${show(actual)}`, exchange);
}

/** `_issues` (possibly nested) names `path`, with a message matching `message` when given. */
export function expectIssue(exchange: Exchange, path: readonly string[], message?: RegExp): void {
  let at: unknown = exchange.body?._issues;
  for (const key of path) at = at && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined;
  const named = typeof at === 'string' || (at !== null && typeof at === 'object');
  const fits = named && (message === undefined || (typeof at === 'string' ? message.test(at) : message.test(JSON.stringify(at))));
  expectThat(fits, `_issues.${path.join('.')}${message ? ` matching ${message}` : ''}`, () => `_issues = ${show(exchange.body?._issues)}`, exchange);
}

/** Ids of `_items`, for comparing lists. */
export function idsOf(exchange: Exchange): string[] {
  const items = exchange.body?._items;
  return Array.isArray(items) ? items.map((item: { _id?: unknown }) => String(item?._id)) : [];
}

export function namesOf(exchange: Exchange): string[] {
  const items = exchange.body?._items;
  return Array.isArray(items) ? items.map((item: { name?: unknown }) => String(item?.name)) : [];
}
