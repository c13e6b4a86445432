import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseReports } from './cli.js';

describe('--report kind=path', () => {
  it('takes a relative path from the current folder, not the suite\'s own folder', () => {
    expect(parseReports('junit=out/c.xml,json=/tmp/c.json')).toEqual({ junit: resolve(process.cwd(), 'out/c.xml'), json: '/tmp/c.json' });
  });

  it('names the kinds a command writes when a part is not one of them', () => {
    expect(parseReports('markdown=x.md', ['junit', 'json'])).toBe('--report expects junit=<path> and/or json=<path>, got "markdown=x.md"');
  });
});
