// Runs checks without vitest: the meta tests use it to run the whole catalogue against broken mocks,
// and the vitest suite wraps each check with it so both report the same way.
import { TransportError } from './client.js';
import { CheckContext, SkipCheck } from './check.js';
import type { Check, Need } from './check.js';
import { allChecks } from './checks/index.js';
import { ConformanceFailure } from './expect.js';
import { requirementsById } from './requirements.js';
import type { Level } from './requirements.js';
import type { Target } from './target.js';
import type { Outcome } from './verdict.js';

export type { Outcome } from './verdict.js';

export interface CheckResult {
  id: string;
  title: string;
  level: Level | undefined;
  outcome: Outcome;
  /** Why it failed or was skipped. */
  message?: string;
}

export function missingNeed(target: Target, needs: readonly Need[]): string | undefined {
  for (const need of needs) {
    if (need === 'writes' && target.config.readOnly) return '--read-only: this check creates and changes data';
    if (need === 'token2' && !target.other) return 'no second tenant: give --token2 (KC_TOKEN2) to check tenant isolation';
    if (need === 'control' && !target.control) return 'a mock extension: needs the mock control API, give --control-url (KC_CONTROL_URL)';
    if (need === 'activation' && !target.activation) {
      return 'no way to apply an agent: give --activate "<command with {agentURL}>" or --control-url';
    }
  }
  return undefined;
}

export async function runCheck(check: Check, context: CheckContext): Promise<CheckResult> {
  const base = { id: check.id, title: check.title, level: requirementsById.get(check.id)?.level };
  const missing = missingNeed(context.target, check.needs);
  if (missing) return { ...base, outcome: 'skipped', message: missing };
  try {
    await check.run(context);
    return { ...base, outcome: 'passed' };
  } catch (error) {
    if (error instanceof SkipCheck) return { ...base, outcome: 'skipped', message: error.message };
    return { ...base, outcome: 'failed', message: `${check.id} ${check.title}\n${describeError(error)}` };
  }
}

function describeError(error: unknown): string {
  if (error instanceof ConformanceFailure || error instanceof TransportError) return error.message;
  return `the check could not read the answer: ${(error as Error)?.stack ?? String(error)}`;
}

/** Every check in order (or those whose id matches `only`), then removal of what the run created. */
export async function runChecks(target: Target, options: { only?: (id: string) => boolean; checks?: readonly Check[] } = {}): Promise<CheckResult[]> {
  const context = new CheckContext(target);
  const results: CheckResult[] = [];
  try {
    for (const check of options.checks ?? allChecks) {
      if (options.only && !options.only(check.id)) continue;
      results.push(await runCheck(check, context));
    }
  } finally {
    await cleanUp(target);
  }
  return results;
}

/** Removes what this run created, in both tenants. Answers what could not be removed. */
export async function cleanUp(target: Target): Promise<string[]> {
  const left: string[] = [];
  for (const client of [target.api, target.other]) {
    if (client) left.push(...(await client.removeCreated().catch((error: Error) => [`cleanup failed: ${error.message}`])));
  }
  return left;
}
