import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brokenLinks } from './links.js';

describe('brokenLinks', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'kc-docs-links-'));
    mkdirSync(join(root, 'docs/images'), { recursive: true });
    writeFileSync(join(root, 'docs/mock.md'), '# The mock\n## Control API (`/__mock`)\n');
    writeFileSync(join(root, 'docs/images/a.png'), '');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('accepts existing files, their headings, own-page anchors, root-relative paths and skips absolute URLs', () => {
    const text = '# Top\n[a](docs/mock.md) [b](docs/mock.md#control-api-__mock) ![c](docs/images/a.png) [d](#top) [e](/docs/mock.md) [f](https://example.com/x#y)';
    expect(brokenLinks({ path: 'README.md', text }, root)).toEqual([]);
    expect(brokenLinks({ path: 'docs/other.md', text: '[a](mock.md#the-mock) [b](../docs/images/a.png)' }, root)).toEqual([]);
  });

  it('names the page, line and reason of each link that does not resolve', () => {
    const text = '# Top\n\n[a](docs/missing.md) [b](docs/mock.md#control-api) [c](#nowhere) [d](docs/images/a.png#x)';
    expect(brokenLinks({ path: 'README.md', text }, root)).toEqual([
      'README.md:3 → docs/missing.md: no such file',
      'README.md:3 → docs/mock.md#control-api: no heading with the anchor #control-api',
      'README.md:3 → #nowhere: no heading with the anchor #nowhere',
      'README.md:3 → docs/images/a.png#x: #x on a file that is not a Markdown page',
    ]);
  });
});
