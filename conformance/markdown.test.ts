import { describe, expect, it } from 'vitest';
import { codeBlock, inlineCode, plain, table } from './markdown.js';
import { cellCount, markdownProblems } from './test-support/markdown-lint.js';

describe('Markdown that text cannot break', () => {
  it('keeps a table row whole when a cell holds pipes, escaped pipes, line breaks and inline code', () => {
    const rendered = table(['what', 'n'], [['a|b \\| c\nd', '1'], [inlineCode('where={"a|b": `x`}'), '2']], [1]);
    expect(rendered.split('\n')).toEqual(['| what | n |', '| --- | ---: |', '| a\\|b \\\\\\| c d | 1 |', '| ``where={"a\\|b": `x`}`` | 2 |']);
    expect(rendered.split('\n').map(cellCount)).toEqual([2, 2, 2, 2]);
    expect(markdownProblems(rendered)).toEqual([]);
  });

  it('fences code with more backticks than it holds, so a backtick run inside cannot close it', () => {
    expect(codeBlock("curl -sS 'x'\n")).toBe("```\ncurl -sS 'x'\n```");
    const tricky = codeBlock('echo ```\n````', 'sh');
    expect(tricky).toBe('`````sh\necho ```\n````\n`````');
    expect(markdownProblems(`${tricky}\n| a |\n| --- |`)).toEqual([]);
    expect(inlineCode('`a`')).toBe('`` `a` ``');
  });

  it('escapes what Markdown would read as emphasis, links or HTML', () => {
    expect(plain('_meta.total *a* [x](y) <b> `c`')).toBe('\\_meta.total \\*a\\* \\[x\\](y) \\<b\\> \\`c\\`');
  });

  it('the lint finds an open fence, a row of another width and a missing delimiter row', () => {
    expect(markdownProblems('```sh\ncurl')).toEqual(['line 1: code fence ``` never closed']);
    expect(markdownProblems('| a | b |\n| --- | --- |\n| 1 | 2 | 3 |')).toEqual(['line 3: 3 cells in a table of 2 (from line 1)']);
    expect(markdownProblems('| a |\n| b |')).toEqual(["line 2: a table's second row is not its delimiter row"]);
  });
});
