import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { programModule } from './program-module.js';

// The build's bundle (`npm test` builds first), as the executable loads it.
const bundle = fileURLToPath(new URL('../../dist/mock/cli/program.bundle.js', import.meta.url));

describe.skipIf(!existsSync(bundle))('the built bundle of the commands', () => {
  const text = existsSync(bundle) ? readFileSync(bundle, 'utf8') : '';

  it('is what the executable loads after a build', () => {
    expect(programModule(new URL(`file://${bundle}`), new URL('../../dist/.tsbuildinfo', `file://${bundle}`))).toBe('./program.bundle.js');
  });

  it('refers to the modules it leaves out by paths that exist beside it', () => {
    const specifiers = [...text.matchAll(/(?:from ?|import\()"(\.{1,2}\/[^"]+)"/g)].map((match) => match[1] as string);
    expect(specifiers).toEqual(expect.arrayContaining(['../node/assets.js', '../../fixtures/generate.js', '../../conformance/cli.js']));
    for (const specifier of specifiers) expect(existsSync(resolve(dirname(bundle), specifier)), specifier).toBe(true);
  });

  it('leaves out what is loaded on demand (faker, vitest) and holds the many-file packages (ajv, re2js)', () => {
    expect(text).not.toMatch(/from ?"(@faker-js|vitest|ajv|re2js|@noble)/);
    expect(text).toContain('class RE2JS');
    expect(text).not.toContain('function fakerWordPools');
    expect(text).toContain('function startMockServer');
  });
});
