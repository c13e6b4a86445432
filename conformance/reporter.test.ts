import { describe, expect, it } from 'vitest';
import { summaryTable, verdictLine } from './reporter.js';
import type { RequirementResult } from './reporter.js';

const result = (id: string, level: RequirementResult['level'], verdict: RequirementResult['verdict']): RequirementResult => ({
  id,
  area: id.split('-')[1]!,
  level,
  title: 'a behaviour',
  outcome: verdict === 'warning' ? 'failed' : verdict,
  verdict,
});

describe('the summary', () => {
  it('counts failed MUSTs as failures and failed SHOULDs as warnings, by area and in total', () => {
    const table = summaryTable([result('KC-READ-1', 'MUST', 'passed'), result('KC-READ-4', 'SHOULD', 'warning'), result('KC-ROUTE-2', 'MUST', 'failed')]);
    expect(table).toMatch(/^Area\s+passed\s+failed\s+warnings\s+skipped$/m);
    expect(table).toMatch(/^READ Read and conditional GET\s+1\s+0\s+1\s+0$/m);
    expect(table).toMatch(/^Total\s+1\s+1\s+1\s+0$/m);
  });

  it('names what decides the exit code: the failures, then the warnings that --strict would fail', () => {
    expect(verdictLine([result('KC-ROUTE-2', 'MUST', 'failed'), result('KC-READ-4', 'SHOULD', 'warning')], false)).toBe(
      'failed: KC-ROUTE-2 (MUST); warnings (a SHOULD or MAY; --strict fails them): KC-READ-4 (SHOULD). Exit code 1.',
    );
    expect(verdictLine([result('KC-READ-4', 'SHOULD', 'warning')], false)).toBe('no failures of a MUST; warnings (a SHOULD or MAY; --strict fails them): KC-READ-4 (SHOULD). Exit code 0.');
    expect(verdictLine([result('KC-READ-1', 'MUST', 'passed')], true)).toBe('no failures (--strict: every level counts). Exit code 0.');
  });
});
