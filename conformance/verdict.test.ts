import { describe, expect, it } from 'vitest';
import { exitCodeOf, tally, verdictOf } from './verdict.js';

describe('verdictOf', () => {
  it('fails the run for a failed MUST, strict or not', () => {
    expect(verdictOf('failed', 'MUST', false)).toBe('failed');
    expect(verdictOf('failed', 'MUST', true)).toBe('failed');
  });

  it('makes a failed SHOULD or MAY a warning, and a failure under --strict', () => {
    expect(verdictOf('failed', 'SHOULD', false)).toBe('warning');
    expect(verdictOf('failed', 'MAY', false)).toBe('warning');
    expect(verdictOf('failed', 'SHOULD', true)).toBe('failed');
    expect(verdictOf('failed', 'MAY', true)).toBe('failed');
  });

  it('treats a failure of an unknown requirement as a failure, and keeps passed and skipped', () => {
    expect(verdictOf('failed', undefined, false)).toBe('failed');
    expect(verdictOf('passed', 'MUST', true)).toBe('passed');
    expect(verdictOf('skipped', 'SHOULD', false)).toBe('skipped');
  });
});

describe('exitCodeOf and tally', () => {
  it('exits 1 only when some verdict is a failure', () => {
    expect(exitCodeOf(['passed', 'warning', 'skipped'])).toBe(0);
    expect(exitCodeOf(['passed', 'failed'])).toBe(1);
  });

  it('counts each verdict', () => {
    expect(tally(['passed', 'passed', 'warning', 'failed', 'skipped'])).toEqual({ passed: 2, failed: 1, warning: 1, skipped: 1 });
  });
});
