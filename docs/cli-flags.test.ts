// Each command's page documents exactly the flags the command offers: a flag added to a command and
// not to its page, or a documented flag the command no longer has, fails here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentedFlags, helpFlags, pageNames } from './test-support/cli-flags.js';
import { repoRoot } from './test-support/pages.js';

const commands: ReadonlyArray<{ command: string[]; page: string }> = [
  { command: ['serve'], page: 'docs/mock.md' },
  { command: ['conformance'], page: 'docs/conformance.md' },
  { command: ['conformance', 'cleanup'], page: 'docs/conformance.md' },
  { command: ['compare'], page: 'docs/compare.md' },
  { command: ['proxy'], page: 'docs/proxy.md' },
  { command: ['explore'], page: 'docs/explore.md' },
];

describe('the flags of each command and its page', () => {
  it.each(commands.map((entry) => [entry.command.join(' '), entry] as const))('every flag of `%s --help` is on its page', (_name, { command, page }) => {
    const text = readFileSync(join(repoRoot, page), 'utf8');
    const offered = helpFlags(command);
    expect(offered.size, `${command.join(' ')} --help lists no flags`).toBeGreaterThan(0);
    const missing = [...offered].filter((flag) => !pageNames(text, flag));
    expect(missing, `flags of ${command.join(' ')} that ${page} does not mention`).toEqual([]);
  });

  it.each(['docs/mock.md', 'docs/conformance.md', 'docs/compare.md', 'docs/proxy.md'])('every flag %s lists in a usage block or flag table exists', (page) => {
    const text = readFileSync(join(repoRoot, page), 'utf8');
    const offered = new Set(commands.filter((entry) => entry.page === page).flatMap((entry) => [...helpFlags(entry.command)]));
    const name = commands.find((entry) => entry.page === page)!.command[0]!;
    const documented = documentedFlags(text, name);
    expect(documented.size, `${page} has no usage block or flag table for ${name}`).toBeGreaterThan(0);
    const unknown = [...documented].filter((flag) => !offered.has(flag));
    expect(unknown, `flags ${page} lists that no command of it offers`).toEqual([]);
  });
});
