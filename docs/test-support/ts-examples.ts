// Runs the documentation's TypeScript examples as a user's test files: type-checked with the project's
// compiler settings, then run by vitest. They are written to a scratch folder inside the repository, so
// `import … from 'kubeclusters-mock'` resolves to this package (package.json `exports` → dist/) as it
// would for a user who installed it.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { repoRoot, whereIs } from './pages.js';
import type { Example } from './pages.js';

/** Per example, what went wrong (type errors, failed tests), each naming the page and line; empty when it ran. */
export type TsOutcomes = Map<Example, string[]>;

interface Run {
  code: number | null;
  output: string;
}

function run(args: string[], timeoutMs: number): Promise<Run> {
  // A nested vitest must not think it is a worker of the outer one.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST')));
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: repoRoot, env, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}

const fileNameOf = (example: Example) => `${example.page.replace(/[^\w.-]/g, '_')}-L${example.line}.test.ts`;

/** The example's file line `line` is the page's line `example.line + line` (the fence is line 0). */
const pageLine = (example: Example, line: number) => whereIs({ page: example.page, line: example.line + line });

function typeErrors(output: string, byFile: Map<string, Example>, outcomes: TsOutcomes): void {
  for (const match of output.matchAll(/^(\S+?)\((\d+),\d+\): error (TS\d+: .*)$/gm)) {
    const example = byFile.get(basename(match[1]!));
    if (example) outcomes.get(example)!.push(`${pageLine(example, Number(match[2]))}: type error ${match[3]}`);
    else throw new Error(`tsc reported an error outside the examples: ${match[0]}`);
  }
}

interface VitestReport {
  testResults: Array<{ name: string; message?: string; assertionResults: Array<{ fullName: string; status: string; failureMessages: string[] }> }>;
}

/** Failed tests, with the scratch file's `name.test.ts:line` rewritten as the page's line. */
function testFailures(report: VitestReport, byFile: Map<string, Example>, outcomes: TsOutcomes): void {
  const ran = new Set<Example>();
  for (const file of report.testResults) {
    const example = byFile.get(basename(file.name));
    if (!example) continue;
    const toPage = (text: string) => text.replace(new RegExp(`\\S*${fileNameOf(example).replace(/\./g, '\\.')}:(\\d+)(:\\d+)?`, 'g'), (_all, line: string) => pageLine(example, Number(line)));
    if (file.message) outcomes.get(example)!.push(toPage(file.message));
    for (const test of file.assertionResults) {
      if (test.status === 'passed') ran.add(example);
      else outcomes.get(example)!.push(`test "${test.fullName}" ${test.status}: ${toPage(test.failureMessages.join('\n'))}`);
    }
  }
  for (const [, example] of byFile) if (!ran.has(example) && outcomes.get(example)!.length === 0) outcomes.get(example)!.push(`${whereIs(example)}: no test ran; a ts runnable example is a vitest test file (it calls it(…))`);
}

export async function runTsExamples(examples: readonly Example[], timeoutMs = 120_000): Promise<TsOutcomes> {
  const outcomes: TsOutcomes = new Map(examples.map((example) => [example, []]));
  if (examples.length === 0) return outcomes;
  mkdirSync(join(repoRoot, 'reports'), { recursive: true });
  const dir = mkdtempSync(join(repoRoot, 'reports', 'docs-examples-'));
  try {
    const byFile = new Map(examples.map((example) => [fileNameOf(example), example]));
    for (const [name, example] of byFile) writeFileSync(join(dir, name), `${example.code}\n`);
    const tsconfig = { extends: relative(dir, join(repoRoot, 'tsconfig.json')), compilerOptions: { noEmit: true }, include: ['*.test.ts'] };
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
    writeFileSync(join(dir, 'vitest.config.mjs'), "export default { test: { include: ['*.test.ts'], testTimeout: 20000 } };\n");
    const tsc = await run([join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json'), '--pretty', 'false'], timeoutMs);
    typeErrors(tsc.output, byFile, outcomes);
    if (tsc.code !== 0 && [...outcomes.values()].every((errors) => errors.length === 0)) throw new Error(`tsc failed: ${tsc.output}`);
    const resultsFile = join(dir, 'results.json');
    const vitest = await run([join(repoRoot, 'node_modules/vitest/vitest.mjs'), 'run', '--root', dir, '--config', join(dir, 'vitest.config.mjs'), '--reporter=json', `--outputFile=${resultsFile}`], timeoutMs);
    let report: VitestReport;
    try {
      report = JSON.parse(readFileSync(resultsFile, 'utf8')) as VitestReport;
    } catch {
      throw new Error(`vitest wrote no report (exit ${vitest.code}): ${vitest.output}`);
    }
    testFailures(report, byFile, outcomes);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return outcomes;
}
