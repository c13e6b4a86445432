// The documentation's pages (README.md and every Markdown file under docs/) and the examples marked runnable in them.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { codeBlocks } from './markdown.js';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface Page {
  /** Relative to the repository root, with forward slashes: `README.md`, `docs/mock.md`. */
  path: string;
  text: string;
}

export type ExampleKind = 'sh' | 'ts';

export interface Example {
  page: string;
  /** 1-based line of the opening fence. */
  line: number;
  kind: ExampleKind;
  code: string;
}

/** `page:line`, the way an editor or a terminal jumps to it. */
export const whereIs = (example: Pick<Example, 'page' | 'line'>) => `${example.page}:${example.line}`;

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return markdownFiles(path);
    return entry.name.endsWith('.md') ? [path] : [];
  });
}

export function documentationPages(root = repoRoot): Page[] {
  const files = [join(root, 'README.md'), ...markdownFiles(join(root, 'docs')).sort()];
  return files.map((file) => ({ path: relative(root, file).split('\\').join('/'), text: readFileSync(file, 'utf8') }));
}

const RUNNABLE = /^(\S+)\s+runnable$/;

/** The blocks whose info string is `sh runnable` or `ts runnable`; any other block saying `runnable` is a mistake. */
export function runnableExamples(page: Page): Example[] {
  return codeBlocks(page.text).flatMap((block) => {
    if (!/\brunnable\b/.test(block.info)) return [];
    const kind = RUNNABLE.exec(block.info)?.[1];
    if (kind !== 'sh' && kind !== 'ts') {
      throw new Error(`${whereIs({ page: page.path, line: block.line })}: "${block.info}" is not a runnable kind; write "sh runnable" or "ts runnable"`);
    }
    return [{ page: page.path, line: block.line, kind, code: block.code }];
  });
}
