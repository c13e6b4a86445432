// The flags a command offers (from its --help) and the flags a page documents for it (its usage
// block and flag tables), so a flag added, renamed or removed in one place and not the other is found.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { codeBlocks } from './markdown.js';
import { repoRoot } from './pages.js';

const OPTION_LINE = /^\s+(?:-\w, )?(--[a-z][\w-]*)/;

/** The long flags `kubeclusters-mock <command…> --help` lists, --help itself left out. */
export function helpFlags(command: readonly string[]): Set<string> {
  const help = execFileSync(process.execPath, [join(repoRoot, 'dist/mock/cli/main.js'), ...command, '--help'], {
    encoding: 'utf8',
    env: { ...process.env, KUBECLUSTERS_MOCK_NO_RELAUNCH: '1' },
    timeout: 20_000,
  });
  // Options are indented by two spaces; their wrapped descriptions by many more.
  const flags = help.split('\n').flatMap((line) => (/^ {2}-/.test(line) ? [OPTION_LINE.exec(line)?.[1]] : []));
  return new Set(flags.filter((flag): flag is string => flag !== undefined && flag !== '--help'));
}

/** The flags a page lists for `command`: option lines of a usage block starting `kubeclusters-mock <command>`, and the first cell of flag tables. */
export function documentedFlags(markdown: string, command: string): Set<string> {
  const flags = new Set<string>();
  for (const block of codeBlocks(markdown)) {
    const [first = '', ...rest] = block.code.split('\n');
    if (block.info !== '' || !first.startsWith(`kubeclusters-mock ${command}`)) continue;
    for (const line of rest) {
      const flag = OPTION_LINE.exec(line)?.[1];
      if (flag) flags.add(flag);
    }
  }
  for (const row of markdown.matchAll(/^\| *(`--[^|]*)\|/gm)) for (const flag of row[1]!.matchAll(/--[a-z][\w-]*/g)) flags.add(flag[0]);
  return flags;
}

/** Whether the page names `--flag` anywhere (not as the start of a longer flag). */
export const pageNames = (markdown: string, flag: string) => new RegExp(`${flag}(?![\\w-])`).test(markdown);
