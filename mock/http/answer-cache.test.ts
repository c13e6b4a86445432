import { describe, expect, it } from 'vitest';
import { AnswerCache } from './answer-cache.js';

/** The bindings of a request made in process (no host writes its answer). */
const IN_PROCESS = undefined;

const headersOf = (response: Response) => {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  return headers;
};

describe('AnswerCache', () => {
  it('answers the kept body and headers again while the version is the same', async () => {
    const cache = new AnswerCache<number>(4);
    const first = cache.keep(IN_PROCESS, 'a', 1, '{"name":"one"}', { etag: '"e1"', lastModified: 'Fri, 08 May 2020 17:41:58 GMT' });
    const again = cache.answer(IN_PROCESS, 'a', 1);
    expect(again?.status).toBe(200);
    expect(await again?.text()).toBe('{"name":"one"}');
    expect(headersOf(again as Response)).toEqual(headersOf(first));
    expect(headersOf(first)).toEqual({ 'content-type': 'application/json', etag: '"e1"', 'last-modified': 'Fri, 08 May 2020 17:41:58 GMT' });
  });

  it('answers nothing once the version has moved on, or for a key never kept', () => {
    const cache = new AnswerCache<number>(4);
    cache.keep(IN_PROCESS, 'a', 1, '{}', {});
    expect(cache.answer(IN_PROCESS, 'a', 2)).toBeUndefined();
    expect(cache.answer(IN_PROCESS, 'b', 1)).toBeUndefined();
  });

  it('drops the oldest entry when full', () => {
    const cache = new AnswerCache<number>(2);
    cache.keep(IN_PROCESS, 'a', 1, '{}', {});
    cache.keep(IN_PROCESS, 'b', 1, '{}', {});
    cache.keep(IN_PROCESS, 'c', 1, '{}', {});
    expect(cache.answer(IN_PROCESS, 'a', 1)).toBeUndefined();
    expect(cache.answer(IN_PROCESS, 'b', 1)).toBeDefined();
    expect(cache.answer(IN_PROCESS, 'c', 1)).toBeDefined();
  });

  it('gives each answer headers of its own: changing one answer leaves the kept ones alone', () => {
    const cache = new AnswerCache<number>(2);
    const first = cache.keep(IN_PROCESS, 'a', 1, '{}', { etag: '"e1"' });
    first.headers.set('x-extra', 'yes');
    expect(cache.answer(IN_PROCESS, 'a', 1)?.headers.get('x-extra')).toBeNull();
  });
});
