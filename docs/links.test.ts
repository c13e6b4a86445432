// Every relative link and image in README.md and docs/ points at a file that exists, and every `#anchor`
// at a heading of the page it names (GitHub's anchors), so a renamed page or section fails here.
import { describe, expect, it } from 'vitest';
import { brokenLinks } from './test-support/links.js';
import { documentationPages } from './test-support/pages.js';

describe('links in README.md and docs/', () => {
  it.each(documentationPages().map((page) => [page.path, page] as const))('%s: every relative link and anchor resolves', (_path, page) => {
    expect(brokenLinks(page)).toEqual([]);
  });
});
