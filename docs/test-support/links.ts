// Resolves a page's relative links as GitHub does: files from the page's folder (or the repository's root
// for a leading /), anchors against the target page's headings.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { anchorsOf, linksOf } from './markdown.js';
import { repoRoot } from './pages.js';
import type { Page } from './pages.js';

const anchorCache = new Map<string, Set<string>>();
function anchorsIn(file: string): Set<string> {
  if (!anchorCache.has(file)) anchorCache.set(file, anchorsOf(readFileSync(file, 'utf8')));
  return anchorCache.get(file)!;
}

/** Why `target`, written on `page` (its path relative to `root`), does not resolve; undefined when it does or is not relative. */
export function brokenBecause(page: Page, target: string, root = repoRoot): string | undefined {
  if (/^[a-z][a-z\d+.-]*:/i.test(target) || target.startsWith('//')) return undefined;
  const [path = '', hash] = target.split('#', 2) as [string, string | undefined];
  const decoded = decodeURIComponent(path);
  let anchors: Set<string>;
  if (decoded === '') anchors = anchorsOf(page.text);
  else {
    // GitHub reads a link starting with / from the repository's root.
    const file = decoded.startsWith('/') ? join(root, decoded) : join(root, dirname(page.path), decoded);
    if (!existsSync(file)) return 'no such file';
    if (hash === undefined) return undefined;
    if (statSync(file).isDirectory() || !file.endsWith('.md')) return `#${hash} on a file that is not a Markdown page`;
    anchors = anchorsIn(file);
  }
  return hash === undefined || anchors.has(decodeURIComponent(hash)) ? undefined : `no heading with the anchor #${hash}`;
}

/** One line per link of the page that does not resolve: `page:line → target: why`. */
export function brokenLinks(page: Page, root = repoRoot): string[] {
  return linksOf(page.text).flatMap(({ target, line }) => {
    const why = brokenBecause(page, target, root);
    return why ? [`${page.path}:${line} → ${target}: ${why}`] : [];
  });
}
