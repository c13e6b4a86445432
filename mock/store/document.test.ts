import { describe, expect, it } from 'vitest';
import { addLazyEtag, computeEtag } from './document.js';
import type { StoredDoc } from './document.js';

const loaded = (name: string) => {
  const doc: Record<string, unknown> = { name, status: { state: 'ACTIVE' }, _id: `${name}0000000000000000000000`.slice(0, 24), _created: 1000, _updated: 2000 };
  addLazyEtag(doc);
  return doc as StoredDoc;
};

describe('etags', () => {
  it('fingerprint the document and the write: the same content written twice gets two etags', () => {
    const doc = { name: 'a', _id: 'a'.repeat(24), _created: 1000, _updated: 1000 };
    expect(computeEtag(doc, 1)).toMatch(/^[0-9a-f]{40}$/);
    expect(computeEtag(doc, 1)).toBe(computeEtag({ ...doc }, 1));
    expect(computeEtag(doc, 2)).not.toBe(computeEtag(doc, 1));
  });

  it("of a loaded document are made when first read, then kept as a plain field in the document's place", () => {
    const doc = loaded('a');
    expect(Object.getOwnPropertyDescriptor(doc, '_etag')?.get).toBeTypeOf('function');
    const etag = doc._etag;
    expect(etag).toMatch(/^[0-9a-f]{40}$/);
    expect(Object.getOwnPropertyDescriptor(doc, '_etag')).toEqual({ value: etag, enumerable: true, writable: true, configurable: true });
    expect(doc._etag).toBe(etag);
    expect(Object.keys(doc)).toEqual(['name', 'status', '_id', '_created', '_updated', '_etag']);
    expect(JSON.parse(JSON.stringify(doc))).toEqual({ name: 'a', status: { state: 'ACTIVE' }, _id: doc._id, _created: 1000, _updated: 2000, _etag: etag });
  });

  it('of loaded documents differ from one document to the next and appear in copies of them', () => {
    const [a, b] = [loaded('a'), loaded('b')];
    expect(a._etag).not.toBe(b._etag);
    const fresh = loaded('c');
    const { _etag, ...rest } = { ...fresh };
    expect(_etag).toBe(fresh._etag);
    expect(rest).not.toHaveProperty('_etag');
  });
});
