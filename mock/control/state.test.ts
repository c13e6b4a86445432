import { describe, expect, it } from 'vitest';
import { MockControlState } from './state.js';

const request = (n: number) => ({ timeMs: Date.UTC(2026, 0, 1, 0, 0, n), method: 'GET', path: `/p${n}`, status: 200, durationMs: 1 });

describe('the request journal', () => {
  it('keeps the last N requests, oldest first, however many came before', () => {
    const state = new MockControlState(3);
    for (let n = 0; n < 10; n++) state.record(request(n));
    expect(state.journal().map((e) => e.path)).toEqual(['/p7', '/p8', '/p9']);
    expect(state.journal(2).map((e) => e.path)).toEqual(['/p8', '/p9']);
    expect(state.journal(0)).toEqual([]);
    expect(state.journal(1)[0]?.time).toBe('2026-01-01T00:00:09.000Z');
  });

  it('starts over when cleared, and records nothing with a size of 0', () => {
    const state = new MockControlState(2);
    state.record(request(1));
    state.clearJournal();
    state.record(request(2));
    expect(state.journal().map((e) => e.path)).toEqual(['/p2']);
    const none = new MockControlState(0);
    none.record(request(1));
    expect(none.journal()).toEqual([]);
  });
});
