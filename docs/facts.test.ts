// Facts the pages state that the code decides: when the code changes, these fail until the page says so.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allowedDifferences } from '../conformance/compare/allowed-differences.js';
import { requirements } from '../conformance/requirements.js';
import { repoRoot } from './test-support/pages.js';

const read = (page: string) => readFileSync(join(repoRoot, page), 'utf8');

describe('what the pages say about the code', () => {
  it('docs/eve.md lists every row of the compare allow-list by id, and no row that is gone', () => {
    const table = read('docs/eve.md').split('## Intentional differences')[1] ?? '';
    const listed = [...table.matchAll(/^\| `([\w-]+)` \|/gm)].map((match) => match[1]);
    expect(listed.sort()).toEqual(allowedDifferences.map((row) => row.id).sort());
  });

  it("README.md and docs/conformance.md give the catalogue's number of requirements, and the conformance page its levels", () => {
    const count = (level: string) => requirements.filter((r) => r.level === level).length;
    expect(read('README.md')).toContain(`${requirements.length} requirements`);
    const page = read('docs/conformance.md');
    expect(page).toContain(`${requirements.length} requirements`);
    expect(page).toContain(`${count('MUST')} MUST, ${count('SHOULD')} SHOULD, ${count('MAY')} MAY`);
  });
});
