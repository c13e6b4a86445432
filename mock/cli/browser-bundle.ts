// The build's browser step: dist/browser/kubeclusters-mock.js, the MSW mock and its worker start in one
// ES module for browsers, every package (msw, hono, ajv, re2js, faker) inside and no Node built-in.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

export const BROWSER_BUNDLE = new URL('../../browser/kubeclusters-mock.js', import.meta.url);
const ENTRY = new URL('../browser/index.js', import.meta.url);

export async function bundleBrowser(): Promise<void> {
  await build({
    entryPoints: [fileURLToPath(ENTRY)],
    outfile: fileURLToPath(BROWSER_BUNDLE),
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    minify: true,
    sourcemap: true,
    logLevel: 'warning',
    legalComments: 'linked',
  });
}
