import { describe, expect, it } from 'vitest';
import { httpDate, parseHttpDate } from './http-date.js';

describe('RFC 1123 dates', () => {
  it('render every second the way Date#toUTCString does, across days, years and before 1970', () => {
    const samples = [0, -1000, 951_782_400_000, 1_588_959_718_000, 4_102_444_799_000];
    for (let ms = -86_400_000 * 400; ms < 86_400_000 * 20_000 * 2; ms += 86_400_000 * 37 + 3_723_000) samples.push(ms);
    for (const ms of samples) expect(httpDate(ms)).toBe(new Date(ms).toUTCString());
  });

  it('read back what they render', () => {
    expect(parseHttpDate(httpDate(1_588_959_718_000))).toBe(1_588_959_718_000);
    expect(parseHttpDate('Fri, 31 Feb 2020 10:00:00 GMT')).toBeUndefined();
  });
});
