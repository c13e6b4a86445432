// The pages' files read from the package: HTML/CSS in mock/ui/static/, the dashboard's compiled script in dist/, Redoc in node_modules.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PageAssets, StaticFileName } from '../ui/page-assets.js';

/** The package root, found from here both when run from the sources (vitest) and from dist/. */
const packageRoot = locatePackageRoot(dirname(fileURLToPath(import.meta.url)));
const cache = new Map<string, string>();

function locatePackageRoot(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'kubeclusters-mock') return dir;
  }
  throw new Error('kubeclusters-mock: package.json not found above mock/node');
}

function readOnce(path: string): string {
  let text = cache.get(path);
  if (text === undefined) cache.set(path, (text = readFileSync(path, 'utf8')));
  return text;
}

function staticFile(name: StaticFileName): string {
  return readOnce(join(packageRoot, 'mock', 'ui', 'static', name));
}

/** Its own modules, and the typed control client it shares with Node code. */
function clientModule(path: string): string | undefined {
  if (!/^(ui\/client\/[a-z][a-z-]*|control\/client)\.js$/.test(path)) return undefined;
  const file = join(packageRoot, 'dist', 'mock', path);
  return existsSync(file) ? readOnce(file) : undefined;
}

/** The one thing Redoc fetches from the network: Redocly's logo in the sidebar's "API docs by Redocly" link. */
const REDOC_CDN_LOGO = 'https://cdn.redoc.ly/redoc/logo-mini.svg';
const EMPTY_SVG = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='1' height='1'/%3E";

/** Redoc's standalone bundle from node_modules, its CDN logo swapped for an empty image: the docs never leave this machine. */
function redocBundle(): string {
  let bundle = cache.get(REDOC_CDN_LOGO);
  if (bundle === undefined) {
    bundle = readFileSync(createRequire(import.meta.url).resolve('redoc/bundles/redoc.standalone.js'), 'utf8').replaceAll(REDOC_CDN_LOGO, EMPTY_SVG);
    cache.set(REDOC_CDN_LOGO, bundle);
  }
  return bundle;
}

export function packageVersion(): string {
  return (JSON.parse(readOnce(join(packageRoot, 'package.json'))) as { version: string }).version;
}

export const nodeAssets: PageAssets = { staticFile, clientModule, redocBundle, packageVersion };
