import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fieldsJsonOf, stampDocument } from './document.js';
import type { Fields, StoredDoc } from './document.js';

const dates = { created: 1000, updated: 2000 };
const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');
const loaded = (name: string) => stampDocument({ name, status: { state: 'ACTIVE' } }, `${name}00000000000000000000000`.slice(0, 24), dates, undefined);

describe('stamped documents', () => {
  it.each<[string, Fields]>([
    ['plain fields', { name: 'a', tags: { t: 'x' }, 2: 'integer key' }],
    ['no fields at all', {}],
    ['a meta field among them', { name: 'a', _links: { self: {} } }],
  ])('take as etag the SHA-1 of the JSON of all but the etag and the write counter: %s', (_label, fields) => {
    const doc = stampDocument({ ...fields }, 'a'.repeat(24), dates, 7);
    const { _etag, ...rest } = doc;
    expect(_etag).toBe(sha1(`${JSON.stringify(rest)}\n7`));
    expect(Object.keys(doc).slice(-4)).toEqual(['_id', '_created', '_updated', '_etag']);
  });

  it('get another etag for the same content written again, and keep their fields JSON for the answer', () => {
    const first = stampDocument({ name: 'a' }, 'a'.repeat(24), dates, 1);
    const second = stampDocument({ name: 'a' }, 'a'.repeat(24), dates, 2);
    expect(second._etag).not.toBe(first._etag);
    expect(fieldsJsonOf(second)).toBe('{"name":"a"}');
    expect(fieldsJsonOf(first)).toBeUndefined();
  });

  it("when loaded in bulk get their etag when first read, then keep it as a plain field in the etag's place", () => {
    const doc = loaded('a');
    expect(Object.getOwnPropertyDescriptor(doc, '_etag')?.get).toBeTypeOf('function');
    const etag = doc._etag;
    expect(etag).toMatch(/^[0-9a-f]{40}$/);
    expect(Object.getOwnPropertyDescriptor(doc, '_etag')).toEqual({ value: etag, enumerable: true, writable: true, configurable: true });
    expect(Object.keys(doc)).toEqual(['name', 'status', '_id', '_created', '_updated', '_etag']);
    expect(JSON.parse(JSON.stringify(doc))).toEqual({ name: 'a', status: { state: 'ACTIVE' }, _id: doc._id, _created: 1000, _updated: 2000, _etag: etag });
  });

  it('when loaded in bulk differ in etag from one document to the next, and copies carry it', () => {
    const [a, b] = [loaded('a'), loaded('b')];
    expect(a._etag).not.toBe(b._etag);
    const fresh: StoredDoc = loaded('c');
    const { _etag, ...rest } = { ...fresh };
    expect(_etag).toBe(fresh._etag);
    expect(rest).not.toHaveProperty('_etag');
  });
});
