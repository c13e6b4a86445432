import { describe, expect, it } from 'vitest';
import { deepEqual } from '../expect.js';
import { createSchemaValidators } from '../../spec/schemas.js';
import { resourceContracts } from './resource-contracts.js';
import type { Refs } from './resource-contracts.js';

const validators = createSchemaValidators();
const ID = 'aaaaaaaaaaaaaaaaaaaaaaaa';
/** Stand-ins for the documents a body refers to: any declared label resolves to a document with ids. */
const refs: Refs = new Proxy({}, { get: () => ({ _id: ID, cluster: ID }) });

function problems(schema: Parameters<typeof validators.validator>[0], body: unknown): unknown {
  const validate = validators.validator(schema);
  return validate(body) ? [] : validate.errors;
}

describe.each(resourceContracts.map((c) => [c.resource, c] as const))('the declaration of %s', (_resource, contract) => {
  const body = contract.body('a-name', refs) as Record<string, unknown>;
  const changes = Object.entries(contract.changes('another-name', refs));

  it('gives a POST body the spec accepts', () => {
    expect(problems(contract.schemas.input, body)).toEqual([]);
  });

  it('changes fields one PATCH at a time the spec accepts, each to a value the body does not hold', () => {
    expect(changes.length).toBeGreaterThan(1);
    for (const [field, value] of changes) {
      expect(problems(contract.schemas.patch, { [field]: value })).toEqual([]);
      expect(deepEqual(body[field], value), `${field} changes`).toBe(false);
    }
  });

  it('changes no field the server owns; its unique fields, and those a PUT leaves out, are in the body', () => {
    for (const [field] of changes) expect(contract.serverOwned).not.toContain(field);
    for (const field of contract.unique) expect(body).toHaveProperty(field);
    for (const field of contract.leftOutOfPut) expect(body).toHaveProperty(field);
    const replacement = Object.fromEntries(Object.entries({ ...body, ...Object.fromEntries(changes) }).filter(([f]) => !contract.leftOutOfPut.includes(f as never)));
    expect(problems(contract.schemas.input, replacement)).toEqual([]);
  });

  it('declares a wrong type the spec refuses, naming that field', () => {
    const [field] = Object.keys(contract.wrongType);
    const errors = problems(contract.schemas.input, { ...body, ...contract.wrongType }) as Array<{ keyword: string; instancePath: string }>;
    expect(errors.some((e) => e.keyword === 'type' && e.instancePath === `/${field}`)).toBe(true);
  });
});
