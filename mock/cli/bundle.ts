// The build's last step (`npm run build`, after tsc), with the browser bundle beside it (browser-bundle.ts):
// the command line's modules in one file,
// dist/mock/cli/program.bundle.js, which the executable loads instead of ./program.js. Node 20 loads
// ES modules one by one (resolve, read, compile, link): `serve`'s hundred took about 0.14 s, the
// bundle about 0.07 s.
import { build } from 'esbuild';
import type { Plugin } from 'esbuild';
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleBrowser } from './browser-bundle.js';
import { BUNDLE } from './program-module.js';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * The packages bundled, with what they import: Hono is some thirty ES modules, ajv a hundred CommonJS
 * files (loaded one by one they cost 60 ms); the others (commander, vitest, faker) are loaded on demand.
 */
const BUNDLED_PACKAGES = /^(hono|@hono\/node-server|ajv|ajv-formats|re2js|@noble\/hashes)(\/|$)/;
/** Our modules loaded on demand: the other commands (and the test runner behind them), the fixture generator (and faker). */
const ON_DEMAND = /\/conformance\/|\/fixtures\/generate\.js$/;
/** A module that finds files from its own place would look in the wrong one from the bundle's. */
const LOCATES_FILES = /fileURLToPath\(import\.meta\.url\)|new URL\([^)]*import\.meta\.url/;

/**
 * Leaves out of the bundle, to be loaded as modules at run time, every package but Hono, our modules
 * loaded on demand, and our modules that locate files (these import none of ours, so no module of
 * ours is ever loaded twice).
 */
function keepOutside(outDir: string): Plugin {
  return {
    name: 'keep-outside',
    setup(builder) {
      builder.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === 'entry-point' || args.path.startsWith('node:') || args.resolveDir.includes('node_modules')) return undefined;
        if (!args.path.startsWith('.')) return BUNDLED_PACKAGES.test(args.path) ? undefined : { path: args.path, external: true };
        const file = resolve(args.resolveDir, args.path);
        if (!ON_DEMAND.test(file) && !LOCATES_FILES.test(readFileSync(file, 'utf8'))) return undefined;
        // Written relative to the bundle, which sits elsewhere than the module that imported it.
        const fromBundle = relative(outDir, file);
        return { path: fromBundle.startsWith('.') ? fromBundle : `./${fromBundle}`, external: true };
      });
    },
  };
}

export async function bundleProgram(): Promise<void> {
  await build({
    entryPoints: [resolve(here, 'program.js')],
    outfile: fileURLToPath(BUNDLE),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Node 20 decodes an ES module's source with TextDecoder, 40 kB a millisecond: the bundle is read at every start.
    minifyWhitespace: true,
    minifySyntax: true,
    sourcemap: true,
    logLevel: 'warning',
    plugins: [keepOutside(here)],
    // CommonJS dependencies bundled into an ES module still call `require` (for Node's own modules).
    banner: { js: "import { createRequire as bundleRequire } from 'node:module'; const require = bundleRequire(import.meta.url);" },
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await Promise.all([bundleProgram(), bundleBrowser()]);
