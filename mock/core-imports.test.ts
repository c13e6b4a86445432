// The core runs on Web APIs alone: its import graph (from createMockApp and the MSW entry) holds no
// Node built-in, no host folder, and no use of Node's globals `Buffer` and `process`.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import type { Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../', import.meta.url);
const NODE_GLOBALS = /\b(Buffer|process)\s*[.([]/;

/** Every module of ours reached from `entries`, with what each imports (packages left out of the walk). */
async function coreGraph(entries: readonly string[]): Promise<Metafile['inputs']> {
  const result = await build({
    entryPoints: entries.map((entry) => new URL(entry, ROOT).pathname),
    absWorkingDir: new URL('.', ROOT).pathname,
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform: 'neutral',
    packages: 'external',
    outdir: 'out',
    logLevel: 'silent',
  });
  return result.metafile.inputs;
}

/** What in the graph is Node's: an import of `node:*` (or a bare built-in name), a host module, a Node global. */
function nodeUsesOf(inputs: Metafile['inputs']): string[] {
  const found: string[] = [];
  for (const [file, input] of Object.entries(inputs)) {
    if (file.endsWith('.json')) continue;
    if (/(^|\/)mock\/(node|cli|bench)\//.test(file)) found.push(`${file}: a Node host module in the core`);
    for (const used of input.imports) {
      if (used.path.startsWith('node:') || /^(fs|path|crypto|http|module|url|os|net|timers)(\/|$)/.test(used.path)) found.push(`${file} imports ${used.path}`);
    }
    const code = readFileSync(new URL(file, ROOT), 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '');
    const global = NODE_GLOBALS.exec(code);
    if (global) found.push(`${file} uses ${global[1]}`);
  }
  return found;
}

describe('the core on Web APIs alone', () => {
  it('CORE-1 createMockApp and the MSW entry import nothing of Node', async () => {
    const inputs = await coreGraph(['mock/app.ts', 'mock/msw/index.ts', 'mock/browser/index.ts']);
    expect(Object.keys(inputs)).toEqual(expect.arrayContaining(['mock/app.ts', 'mock/store/document.ts', 'spec/schemas.ts', 'fixtures/generate.ts']));
    expect(nodeUsesOf(inputs)).toEqual([]);
  });

  it('CORE-2 the scan finds a Node import, a host module and a Node global (the Node host is its witness)', async () => {
    const found = nodeUsesOf(await coreGraph(['mock/node/mock.ts']));
    expect(found).toEqual(expect.arrayContaining(['mock/node/mock.ts: a Node host module in the core', 'mock/node/fast-paths.ts imports node:crypto', 'mock/node/state-file.ts uses process']));
  });
});
