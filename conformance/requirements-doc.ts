// Renders conformance/REQUIREMENTS.md from the catalogue (`npm run gen:requirements`).
import { areas, requirements } from './requirements.js';
import type { Area } from './requirements.js';

export function renderRequirements(): string {
  const lines = [
    '# Conformance requirements',
    '',
    '<!-- Generated from conformance/requirements.ts by `npm run gen:requirements`; do not edit. -->',
    '',
    `${requirements.length} requirements. Sources: **seed** (the guide's Kubernetes Clusters chapter), **overview** (its Overview chapter),`,
    '**eve** (Eve\'s defaults, `eve-contract.md`), **clients** (what real public clients send and read).',
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
