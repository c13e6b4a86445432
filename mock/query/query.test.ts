import { describe, expect, it } from 'vitest';
import { ApiError } from '../http/errors.js';
import { applyProjection, parseProjection } from './projection.js';
import { parsePythonWhere } from './python-where.js';
import { compareValues, parseSort } from './sort.js';
import { parseWhere } from './where.js';

const limits = { maxLength: 2000, maxDepth: 5, maxRegexLength: 50 };
const docs = [
  { _id: 'a', name: 'alpha', nodes: 3, tags: ['x', 'y'], status: { state: 'ACTIVE' }, _created: Date.UTC(2024, 0, 1) },
  { _id: 'b', name: 'beta', nodes: 7, tags: ['y'], status: { state: 'REGISTERED' }, _created: Date.UTC(2025, 0, 1) },
  { _id: 'c', name: 'Gamma\nline', nodes: 12, tags: [], description: null, _created: Date.UTC(2026, 0, 1) },
];

function ids(where: unknown): string[] {
  const compiled = parseWhere(typeof where === 'string' ? where : JSON.stringify(where), limits);
  return docs.filter((doc) => compiled.predicate(doc)).map((doc) => doc._id);
}

function refusal(where: string): string {
  try {
    parseWhere(where, limits);
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(400);
    return (error as ApiError).message;
  }
  throw new Error(`${where} was accepted`);
}

describe('parseWhere', () => {
  it('matches plain values, array members and dotted paths', () => {
    expect(ids({ name: 'beta' })).toEqual(['b']);
    expect(ids({ tags: 'x' })).toEqual(['a']);
    expect(ids({ 'status.state': 'ACTIVE' })).toEqual(['a']);
    expect(ids({})).toEqual(['a', 'b', 'c']);
  });

  it('compares like with like: numbers, strings and dates given as RFC 1123 text', () => {
    expect(ids({ nodes: { $gt: 3, $lte: 12 } })).toEqual(['b', 'c']);
    expect(ids({ nodes: { $gte: 3, $lt: 7 } })).toEqual(['a']);
    expect(ids({ name: { $gt: 'b' } })).toEqual(['b']);
    expect(ids({ nodes: { $gt: '3' } })).toEqual([]);
    expect(ids({ _created: { $gte: 'Wed, 01 Jan 2025 00:00:00 GMT' } })).toEqual(['b', 'c']);
    expect(ids({ _created: { $lt: '2025-01-01T00:00:00Z' } })).toEqual(['a']);
  });

  it('supports $eq, $ne, $in, $nin, $exists, $not, $all, $size, $elemMatch, $type, $mod', () => {
    expect(ids({ name: { $eq: 'alpha' } })).toEqual(['a']);
    expect(ids({ name: { $ne: 'alpha' } })).toEqual(['b', 'c']);
    expect(ids({ nodes: { $in: [3, 12] } })).toEqual(['a', 'c']);
    expect(ids({ nodes: { $nin: [3, 12] } })).toEqual(['b']);
    expect(ids({ description: { $exists: true } })).toEqual(['c']);
    expect(ids({ status: { $exists: false } })).toEqual(['c']);
    expect(ids({ name: { $not: { $regex: '^a' } } })).toEqual(['b', 'c']);
    expect(ids({ tags: { $all: ['x', 'y'] } })).toEqual(['a']);
    expect(ids({ tags: { $size: 0 } })).toEqual(['c']);
    expect(ids({ tags: { $elemMatch: { $eq: 'y' } } })).toEqual(['a', 'b']);
    expect(ids({ description: { $type: 'null' } })).toEqual(['c']);
    expect(ids({ nodes: { $type: 16 } })).toEqual(['a', 'b', 'c']);
    expect(ids({ nodes: { $mod: [2, 1] } })).toEqual(['a', 'b']);
  });

  it('combines with $and, $or and $nor', () => {
    expect(ids({ $and: [{ tags: 'y' }, { nodes: { $gt: 5 } }] })).toEqual(['b']);
    expect(ids({ $or: [{ name: 'alpha' }, { nodes: 12 }] })).toEqual(['a', 'c']);
    expect(ids({ $nor: [{ name: 'alpha' }, { nodes: 12 }] })).toEqual(['b']);
  });

  it('honours the $regex options i, m, s and x', () => {
    expect(ids({ name: { $regex: 'GAMMA', $options: 'i' } })).toEqual(['c']);
    expect(ids({ name: { $regex: '^line$', $options: 'm' } })).toEqual(['c']);
    expect(ids({ name: { $regex: 'a.line', $options: 's' } })).toEqual(['c']);
    expect(ids({ name: { $regex: 'al pha # comment', $options: 'x' } })).toEqual(['a']);
  });

  it('offers top-level equalities to the indexes', () => {
    const compiled = parseWhere('{"name": "alpha", "status.state": "ACTIVE", "nodes": {"$gt": 1}, "$or": [{"a": 1}]}', limits);
    expect([...compiled.equalities]).toEqual([
      ['name', 'alpha'],
      ['status.state', 'ACTIVE'],
    ]);
  });

  it.each([
    ['{"$where": "1"}', '$where'],
    ['{"name": {"$foo": 1}}', '$foo'],
    ['{"$foo": []}', '$foo'],
    ['[1, 2]', 'JSON object'],
    ['{"$or": []}', '$or'],
    ['{"nodes": {"$in": 3}}', '$in'],
    ['{"nodes": {"$gt": true}}', '$gt'],
    ['{"name": {"$regex": 5}}', '$regex'],
    ['{"name": {"$regex": "(?<=a)b"}}', '$regex'],
    ['{"name": {"$regex": "a", "$options": "g"}}', '$options'],
    ['{"name": {"$options": "i"}}', '$options'],
    ['{"tags": {"$size": "1"}}', '$size'],
    ['{"nodes": {"$mod": [0, 1]}}', '$mod'],
    ['{"nodes": {"$type": "date"}}', '$type'],
    ['{"tags": {"$all": 1}}', '$all'],
    ['{"tags": {"$elemMatch": 1}}', '$elemMatch'],
    ['{"_created": {"$gt": "yesterday"}}', '_created'],
    ['{"a..b": 1}', 'field path'],
  ])('refuses %s with 400 naming the problem', (where, mentioned) => {
    const message = refusal(where);
    expect(message).toContain('Invalid where');
    expect(message).toContain(mentioned);
  });

  it('refuses a where that is too long, too deep, or a $regex that is too long', () => {
    expect(refusal(`{"name": "${'x'.repeat(2000)}"}`)).toContain('longer than 2000');
    expect(refusal('{"$and": [{"$and": [{"$and": [{"$and": [{"$and": [{"a": 1}]}]}]}]}]}')).toContain('deeper than 5');
    expect(refusal(`{"name": {"$regex": "${'a'.repeat(51)}"}}`)).toContain('longer than 50');
  });

  it('reads the Python-like form Eve also accepts', () => {
    expect(ids('name=="beta"')).toEqual(['b']);
    expect(ids('nodes>3 and nodes<=12')).toEqual(['b', 'c']);
    expect(ids('(name=="alpha" or name=="beta") and nodes!=7')).toEqual(['a']);
    expect(refusal('name = beta')).toContain('Python-like');
  });
});

describe('parsePythonWhere', () => {
  it('turns comparisons, and/or and literals into Mongo JSON', () => {
    expect(parsePythonWhere("name=='x' and n>=2")).toEqual({ $and: [{ name: 'x' }, { n: { $gte: 2 } }] });
    expect(parsePythonWhere('a==True or b==None or c==-1.5')).toEqual({ $or: [{ a: true }, { b: null }, { c: -1.5 }] });
    expect(parsePythonWhere('a == "say \\"hi\\""')).toEqual({ a: 'say "hi"' });
  });

  it('answers undefined for anything else', () => {
    for (const text of ['', 'a ==', 'a == b', '(a == 1', 'a == 1 b == 2', '1 == a', 'a ~ 1']) expect(parsePythonWhere(text), text).toBeUndefined();
  });
});

describe('parseSort', () => {
  it('reads both forms', () => {
    expect(parseSort('-name, _created')).toEqual([
      { path: 'name', direction: -1 },
      { path: '_created', direction: 1 },
    ]);
    expect(parseSort(`[("status.state", 1), ('name', -1)]`)).toEqual([
      { path: 'status.state', direction: 1 },
      { path: 'name', direction: -1 },
    ]);
  });

  it('reads a valid Python expression that is not a literal in comma form, as Eve does', () => {
    expect(parseSort('[("name", sideways)]')).toEqual([
      { path: '[("name"', direction: 1 },
      { path: 'sideways)]', direction: 1 },
    ]);
    expect(parseSort('-status.state')).toEqual([{ path: 'status.state', direction: -1 }]);
  });

  it('reads a string literal as one ascending key, and an empty value or list as no sort', () => {
    expect(parseSort('"name"')).toEqual([{ path: 'name', direction: 1 }]);
    expect(parseSort('')).toEqual([]);
    expect(parseSort('[]')).toEqual([]);
  });

  it.each(['[(', '-', 'a,,b', 'last name', '@@@', '[("name", 2)]', '[("name", -1)', '42', '["name"]', 'a,b,c,d,e,f,g,h,i'])('refuses %j with 400', (sort) => {
    expect(() => parseSort(sort)).toThrow(/Invalid sort/);
  });

  it("orders mixed types as Mongo does: missing, numbers, strings, objects, arrays, booleans", () => {
    const values = [true, [1], { a: 1 }, 'b', 'a', 2, 1, null];
    expect([...values].sort(compareValues)).toEqual([null, 1, 2, 'a', 'b', { a: 1 }, [1], true]);
    expect(compareValues(undefined, 1)).toBeLessThan(0);
    expect(compareValues(undefined, null)).toBe(0);
  });
});

describe('projection', () => {
  it('includes or excludes top-level fields, keeping the listed ones always', () => {
    const doc = { _id: '1', name: 'n', tags: {}, status: {} };
    expect(applyProjection(doc, parseProjection('{"name": 1}'), ['_id'])).toEqual({ _id: '1', name: 'n' });
    expect(applyProjection(doc, parseProjection('{"tags": 0, "status.state": false}'), ['_id'])).toEqual({ _id: '1', name: 'n' });
    expect(applyProjection(doc, parseProjection('{}'), ['_id'])).toBe(doc);
  });

  it.each(['nope', '[1]', '{"a": 2}', '{"a": 1, "b": 0}'])('refuses %s with 400', (projection) => {
    expect(() => parseProjection(projection)).toThrow(/Invalid projection/);
  });
});
