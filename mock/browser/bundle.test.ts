// The built browser bundle (`npm test` builds first): self-contained, and what it leaves out refused with a reason.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import type * as BrowserEntry from './index.js';

const bundle = new URL('../../dist/browser/kubeclusters-mock.js', import.meta.url);

describe.skipIf(!existsSync(bundle))('the browser bundle', () => {
  const text = existsSync(bundle) ? readFileSync(bundle, 'utf8') : '';

  it('BUNDLE-1 imports nothing: no bare package, no Node built-in left (esbuild reads its import statements)', async () => {
    const file = fileURLToPath(bundle);
    const result = await build({ entryPoints: [file], bundle: true, write: false, metafile: true, platform: 'neutral', external: ['*'], outdir: 'out', logLevel: 'silent' });
    const [input] = Object.values(result.metafile.inputs);
    expect(input?.imports).toEqual([]);
  });

  it('BUNDLE-2 stays under 320 kB gzipped (faker left out)', () => {
    const gzipped = gzipSync(text, { level: 9 }).length;
    console.info(`browser bundle: ${Math.round(text.length / 1024)} kB minified, ${Math.round(gzipped / 1024)} kB gzipped`);
    expect(gzipped).toBeLessThan(320 * 1024);
  });

  it('BUNDLE-3 generates fixtures with the default seed, and refuses another seed with a reason (400)', async () => {
    const { createMswMock } = (await import(bundle.href)) as typeof BrowserEntry;
    const mock = createMswMock({ tokens: ['t'] });
    expect(await mock.control.loadFixtures({ generate: 50, tenant: 't' })).toMatchObject({ tenant: 't', loaded: expect.any(Number) });
    await expect(mock.control.loadFixtures({ generate: 5, randomSeed: 7, tenant: 't' })).rejects.toThrow(/answered 400.*default seed only/);
  });
});
