// The conformance suite as vitest tests: one test per check, named "<requirement id> <behaviour>",
// grouped by area. The target comes from KC_* variables (see target.ts); none: the in-process mock.
// Any failed check fails its test, whatever its level: the CLI's reporter applies the levels (verdict.ts).
import { afterAll, describe, it } from 'vitest';
import { CheckContext } from './check.js';
import { allChecks } from './checks/index.js';
import { matchesOnly } from './only.js';
import { areas, requirementsById } from './requirements.js';
import type { Area } from './requirements.js';
import { cleanUp, runCheck } from './run.js';
import { configFromEnv, openTarget } from './target.js';

const target = openTarget(configFromEnv());
const context = new CheckContext(target);

afterAll(async () => {
  const left = await cleanUp(target);
  if (left.length > 0) console.warn(`conformance: could not remove ${left.join(', ')}; run "kubeclusters-mock conformance cleanup --prefix conformance-${target.config.runId}-"`);
});

for (const [area, title] of Object.entries(areas) as Array<[Area, string]>) {
  const checks = allChecks.filter((c) => c.id.startsWith(`KC-${area}-`) && matchesOnly(c.id, process.env['KC_ONLY']));
  if (checks.length === 0) continue;
  describe(`${area}: ${title}`, () => {
    for (const check of checks) {
      it(`${check.id} ${check.title}`, async (test) => {
        // JUnit carries annotations as <property>: the level decides what a failure means (see verdict.ts).
        const requirement = requirementsById.get(check.id);
        if (requirement) await test.annotate(requirement.level, 'level');
        const result = await runCheck(check, context);
        if (result.outcome === 'skipped') test.skip(result.message);
        if (result.outcome === 'failed') throw conformanceError(result.message ?? check.id);
      });
    }
  });
}

/** The failure text is the whole story (id, curl, expected, got); a stack would only hide it. */
function conformanceError(message: string): Error {
  const error = new Error(message);
  error.stack = message;
  return error;
}
