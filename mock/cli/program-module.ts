// Which file holds the commands: the build's bundle of them (bundle.ts), unless tsc has compiled
// since it was made (`tsc --watch`), when the modules it was made from may be newer than it.
import { statSync } from 'node:fs';

/** Where the build's last step writes the bundle (bundle.ts). */
export const BUNDLE = new URL('./program.bundle.js', import.meta.url);
/** Written by every compile of the build (tsconfig.build.json). */
const LAST_COMPILE = new URL('../../.tsbuildinfo', import.meta.url);

export function programModule(bundle: URL = BUNDLE, lastCompile: URL = LAST_COMPILE): string {
  const bundled = modifiedMs(bundle);
  if (bundled === undefined) return './program.js';
  const compiled = modifiedMs(lastCompile);
  return compiled !== undefined && compiled > bundled ? './program.js' : './program.bundle.js';
}

function modifiedMs(file: URL): number | undefined {
  return statSync(file, { throwIfNoEntry: false })?.mtimeMs;
}
