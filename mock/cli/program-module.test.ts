import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { programModule } from './program-module.js';

describe('programModule', () => {
  const dir = mkdtempSync(join(tmpdir(), 'program-module-'));
  const file = (name: string, modifiedSeconds?: number) => {
    const path = join(dir, name);
    if (modifiedSeconds !== undefined) {
      writeFileSync(path, '');
      utimesSync(path, modifiedSeconds, modifiedSeconds);
    }
    return pathToFileURL(path);
  };

  it('loads the bundle when it was made after the last compile, or no compile is on record', () => {
    expect(programModule(file('a.bundle.js', 2000), file('a.tsbuildinfo', 1000))).toBe('./program.bundle.js');
    expect(programModule(file('b.bundle.js', 2000), file('b.tsbuildinfo'))).toBe('./program.bundle.js');
  });

  it('loads the modules when tsc compiled since the bundle was made, or there is no bundle', () => {
    expect(programModule(file('c.bundle.js', 1000), file('c.tsbuildinfo', 2000))).toBe('./program.js');
    expect(programModule(file('d.bundle.js'), file('d.tsbuildinfo', 2000))).toBe('./program.js');
  });
});
