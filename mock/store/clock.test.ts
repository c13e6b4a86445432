import { describe, expect, it } from 'vitest';
import { MockClock } from './clock.js';

describe('MockClock', () => {
  it('follows real time with an offset the mock can move forward or set', () => {
    const clock = new MockClock();
    const before = Date.now();
    expect(clock.now()).toBeGreaterThanOrEqual(before);
    clock.advance(60_000);
    expect(clock.now() - Date.now()).toBeGreaterThan(59_000);
    clock.set(Date.UTC(2030, 0, 1));
    expect(Math.abs(clock.now() - Date.UTC(2030, 0, 1))).toBeLessThan(1000);
    expect(clock.describe().frozen).toBe(false);
  });

  it('stands still when frozen, moves only on request, and resumes from where it stood', () => {
    const clock = new MockClock({ frozenAt: 1_000_000 });
    expect(clock.now()).toBe(1_000_000);
    clock.advance(500);
    expect(clock.now()).toBe(1_000_500);
    clock.set(2_000_000);
    expect(clock.describe()).toMatchObject({ now: 2_000_000, frozen: true });
    clock.unfreeze();
    expect(Math.abs(clock.now() - 2_000_000)).toBeLessThan(1000);
    clock.freeze();
    const frozen = clock.now();
    expect(clock.now()).toBe(frozen);
  });

  it('refuses to move backwards or to a time that is not a number', () => {
    const clock = new MockClock();
    expect(() => clock.advance(-1)).toThrow(/only moves forward/);
    expect(() => clock.set(Number.NaN)).toThrow(RangeError);
  });
});
