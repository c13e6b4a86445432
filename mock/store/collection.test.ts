import { describe, expect, it } from 'vitest';
import { Collection } from './collection.js';
import type { StoredDoc } from './document.js';

const doc = (id: string, name: string, state: string): StoredDoc => ({ _id: id, _created: 0, _updated: 0, _etag: id, name, status: { state } });

describe('a collection\'s indexes', () => {
  it('are built on first use from the documents held, in their natural order, then kept up to date', () => {
    const collection = new Collection({ unique: ['name'], lookup: ['status.state'] });
    collection.add(doc('a', 'one', 'ACTIVE'));
    collection.add(doc('b', 'two', 'REGISTERED'));
    collection.add(doc('c', 'three', 'ACTIVE'));
    // b becomes ACTIVE before the index exists: it is listed where the natural order puts it.
    collection.put(doc('b', 'two', 'ACTIVE'));
    expect([...(collection.findEqual('status.state', 'ACTIVE') ?? [])]).toEqual(['a', 'b', 'c']);
    expect(collection.findUnique('name', 'two')).toBe('b');

    collection.add(doc('d', 'four', 'ACTIVE'));
    collection.put(doc('a', 'one', 'INACTIVE'));
    collection.put(doc('c', 'renamed', 'ACTIVE'));
    collection.remove('b');
    expect([...(collection.findEqual('status.state', 'ACTIVE') ?? [])]).toEqual(['c', 'd']);
    expect([...(collection.findEqual('status.state', 'INACTIVE') ?? [])]).toEqual(['a']);
    expect(collection.findUnique('name', 'three')).toBeUndefined();
    expect(collection.findUnique('name', 'renamed')).toBe('c');
    expect(collection.findUnique('name', 'two')).toBeUndefined();
  });

  it('list the documents that took a value after the index was built in natural order, as Mongo does', () => {
    const collection = new Collection({ unique: [], lookup: ['status.state'] });
    collection.add(doc('a', 'one', 'REGISTERED'));
    collection.add(doc('b', 'two', 'ACTIVE'));
    collection.add(doc('c', 'three', 'REGISTERED'));
    expect([...(collection.findEqual('status.state', 'ACTIVE') ?? [])]).toEqual(['b']);
    collection.put(doc('c', 'three', 'ACTIVE'));
    collection.put(doc('a', 'one', 'ACTIVE'));
    collection.add(doc('d', 'four', 'ACTIVE'));
    expect([...(collection.findEqual('status.state', 'ACTIVE') ?? [])]).toEqual(['a', 'b', 'c', 'd']);
    // Kept in order afterwards, through removals and new documents.
    collection.remove('b');
    collection.add(doc('e', 'five', 'ACTIVE'));
    expect([...(collection.findEqual('status.state', 'ACTIVE') ?? [])]).toEqual(['a', 'c', 'd', 'e']);
    expect([...(collection.findEqual('status.state', 'REGISTERED') ?? [])]).toEqual([]);
  });

  it('answer undefined for a field that is not indexed, so the caller scans', () => {
    const collection = new Collection({ unique: ['name'], lookup: [] });
    collection.add(doc('a', 'one', 'ACTIVE'));
    expect(collection.findEqual('status.state', 'ACTIVE')).toBeUndefined();
    expect(collection.findEqual('name', 'one')).toEqual(['a']);
    expect(collection.findEqual('name', 'none')).toEqual([]);
  });
});
