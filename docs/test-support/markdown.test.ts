import { describe, expect, it } from 'vitest';
import { anchorsOf, codeBlocks, linksOf, slugOf } from './markdown.js';
import { runnableExamples } from './pages.js';

describe('slugOf: GitHub heading anchors', () => {
  it.each([
    ['Control API (`/__mock`)', 'control-api-__mock'],
    ["The Terraform provider's flows: runs and jobs", 'the-terraform-providers-flows-runs-and-jobs'],
    ['Performance: `npm run bench`', 'performance-npm-run-bench'],
    ['Runs & jobs', 'runs--jobs'],
    ['Use it in [tests](docs/testing.md)', 'use-it-in-tests'],
    ['**MUST**, SHOULD, MAY', 'must-should-may'],
    ['Prüfung über Ämter', 'prüfung-über-ämter'],
  ])('%s → #%s', (heading, slug) => {
    expect(slugOf(heading)).toBe(slug);
  });

  it('numbers a repeated heading -1, -2 and ignores headings inside code blocks', () => {
    const page = ['# Options', '## Options', '```sh', '# Options', '```', '### Options', '<a id="custom"></a>'].join('\n');
    expect([...anchorsOf(page)]).toEqual(['options', 'options-1', 'options-2', 'custom']);
  });
});

describe('codeBlocks', () => {
  it('reads each fence with its info string and first line, a longer fence holding a shorter one', () => {
    const page = ['text', '```sh runnable', 'echo hi', '```', '````md', '```ts', 'x', '```', '````', '~~~', 'y', '~~~'].join('\n');
    expect(codeBlocks(page)).toEqual([
      { info: 'sh runnable', code: 'echo hi', line: 2 },
      { info: 'md', code: '```ts\nx\n```', line: 5 },
      { info: '', code: 'y', line: 10 },
    ]);
  });

  it('refuses a block that is never closed, naming its line', () => {
    expect(() => codeBlocks('a\n```sh\necho')).toThrow('the code block opened on line 2 is never closed');
  });

  it('takes only `sh runnable` and `ts runnable` as examples and refuses another kind said runnable', () => {
    const page = { path: 'docs/x.md', text: '```sh runnable\ntrue\n```\n```sh\nfalse\n```\n```ts runnable\nit()\n```' };
    expect(runnableExamples(page).map((example) => [example.kind, example.line])).toEqual([['sh', 1], ['ts', 7]]);
    expect(() => runnableExamples({ path: 'docs/x.md', text: '```bash runnable\ntrue\n```' })).toThrow('docs/x.md:1: "bash runnable" is not a runnable kind');
  });
});

describe('linksOf', () => {
  it('finds inline links, images, reference definitions and HTML links, with their lines', () => {
    const page = ['See [the mock](docs/mock.md#profiles) and ![shot](docs/images/a.png "title").', '[ref]: docs/compare.md', '<a href="docs/proxy.md">proxy</a>'].join('\n');
    expect(linksOf(page)).toEqual([
      { target: 'docs/mock.md#profiles', line: 1 },
      { target: 'docs/images/a.png', line: 1 },
      { target: 'docs/compare.md', line: 2 },
      { target: 'docs/proxy.md', line: 3 },
    ]);
  });

  it('ignores what is code or a comment: fenced blocks, inline code spans, HTML comments', () => {
    const page = ['```md', '[a](missing.md)', '```', 'Write `[b](missing.md)` so.', '<!-- [c](missing.md)', '[d](missing.md) -->', '[e](real.md)'].join('\n');
    expect(linksOf(page)).toEqual([{ target: 'real.md', line: 7 }]);
  });
});
