// Renders conformance/REQUIREMENTS.md from the catalogue (`npm run gen:requirements`).
import { areas, requirements } from './requirements.js';
import type { Area } from './requirements.js';

export function renderRequirements(): string {
  const lines = [
    '# Conformance requirements',
    '',
    '<!-- Generated from conformance/requirements.ts by `npm run gen:requirements`; do not edit. -->',
    '',
    `${requirements.length} requirements (${levelCounts()}). Sources: **seed** (the guide's Kubernetes Clusters chapter), **overview** (its Overview chapter),`,
    '**eve** (Eve\'s defaults, `eve-contract.md`), **clients** (what real public clients send and read), **mock** (the mock\'s own',
    'extensions, in the MOCK area: those checks run only with `--control-url`).',
    '',
    'Levels: **MUST**, a promise of the seed, the overview or the clients, or an answer Eve always gives that `eve-contract.md`',
    'documents: a failure fails the run (exit code 1). **SHOULD**, documented but a default or an extra that no known client',
    'depends on: a failure is a warning. **MAY**, the sources allow more than one behaviour: the check verifies that what a',
    'server does offer holds, and a failure is a warning. `--strict` makes every failure fail the run.',
    'A profile option means the expected answer depends on the chosen profile (`--profile strict|lenient|seed`).',
    '',
  ];
  for (const area of Object.keys(areas) as Area[]) {
    lines.push(`## ${area}: ${areas[area]}`, '', '| Id | Level | Requirement | Sources | Profile option |', '|---|---|---|---|---|');
    for (const r of requirements.filter((req) => req.area === area)) {
      lines.push(`| ${r.id} | ${r.level} | ${r.title.replace(/\|/g, '\\|')} | ${r.sources.join('; ')} | ${r.profile?.join(', ') ?? ''} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

function levelCounts(): string {
  return (['MUST', 'SHOULD', 'MAY'] as const).map((level) => `${requirements.filter((r) => r.level === level).length} ${level}`).join(', ');
}
