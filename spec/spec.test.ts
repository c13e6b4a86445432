import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadSpec } from './document.js';
import type { JsonObject } from './document.js';
import { createSchemaValidators } from './schemas.js';
import type { SchemaName } from './schemas.js';

const validators = createSchemaValidators();

function errorsOf(name: SchemaName, value: unknown): string[] {
  const validate = validators.validator(name);
  return validate(structuredClone(value)) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

const seedRequest = {
  name: 'testcluster',
  description: 'Created for testing purposes',
  tags: { testkey: 'testval' },
  image_pull_secret_name: 'myregistrykey',
  container_registry: 'registry.example.com/cloudcasa',
};

const seedAnswer = {
  _created: 'Fri, 08 May 2020 17:41:58 GMT',
  _etag: '27114931c62a2ea2f7f2fd21c4c8f62ba7b55a0c',
  _id: '5eb599e603f7a77d5223efee',
  _links: { self: { href: '/v1/kubeclusters/5eb599e603f7a77d5223efee', title: 'Kubecluster' } },
  _status: 'OK',
  _updated: 'Fri, 08 May 2020 17:41:58 GMT',
  description: 'Created for testing purposes',
  tags: { testkey: 'testval' },
  name: 'testcluster',
  image_pull_secret_name: 'myregistrykey',
  status: { state: 'REGISTERED', agentURL: 'https://cc.example.com/kubeclusteragents/agent-gpq6w/RiFmKE3W1zgeIZACmTA8Z-iZrKXcdM0jEC7RiCu0lT4=.yaml' },
};

/** Every `examples`/`example` under a media type, with the schema it belongs to. */
function collectExamples(node: unknown, path: string[] = [], found: Array<{ at: string; schema: object; value: unknown }> = []) {
  if (!node || typeof node !== 'object') return found;
  const media = node as JsonObject;
  if (media['schema'] && (media['examples'] || 'example' in media)) {
    const examples = media['examples'] as Record<string, { value: unknown }> | undefined;
    const values = examples ? Object.values(examples).map((e) => e.value) : [media['example']];
    for (const value of values) found.push({ at: path.join('.'), schema: media['schema'] as object, value });
  }
  for (const [key, child] of Object.entries(media)) collectExamples(child, [...path, key], found);
  return found;
}

describe('the spec', () => {
  it('accepts the seed chapter example request as ClusterInput', () => {
    expect(errorsOf('ClusterInput', seedRequest)).toEqual([]);
  });

  it("accepts the seed chapter's example answer as ClusterCreated", () => {
    expect(errorsOf('ClusterCreated', seedAnswer)).toEqual([]);
  });

  it("accepts the seed chapter's PATCH body as ClusterPatch", () => {
    expect(errorsOf('ClusterPatch', { name: 'newname', description: 'New description' })).toEqual([]);
  });

  it('validates every example it carries against the schema beside it', () => {
    const examples = collectExamples(loadSpec()['paths']).concat(collectExamples(loadSpec()['components']));
    expect(examples.length).toBeGreaterThanOrEqual(8);
    for (const { at, schema, value } of examples) {
      const validate = validators.validatorFor(schema);
      expect(validate(structuredClone(value)) ? [] : validate.errors, at).toEqual([]);
    }
  });

  it.each([
    ['no name', { description: 'x' }, "must have required property 'name'"],
    ['backup_provider.type gcp', { name: 'a', backup_provider: { type: 'gcp', region: 'x' } }, 'must be equal to one of the allowed values'],
    ['an unknown field', { name: 'a', colour: 'blue' }, 'must NOT have unevaluated properties'],
    ['status set by the client', { name: 'a', status: { state: 'ACTIVE' } }, 'must NOT have unevaluated properties'],
    ['type without region', { name: 'a', backup_provider: { type: 'aws' } }, 'must have property region when property type is present'],
    ['a tag that is not a string', { name: 'a', tags: { a: 1 } }, 'must be string'],
    ['an empty name', { name: '' }, 'must NOT have fewer than 1 characters'],
  ])('rejects a cluster with %s', (_label, body, message) => {
    expect(errorsOf('ClusterInput', body).join('\n')).toContain(message);
  });

  it('rejects an answer without _etag or with a malformed date', () => {
    const { _etag: _dropped, ...withoutEtag } = seedAnswer;
    expect(errorsOf('ClusterCreated', withoutEtag).join()).toContain("'_etag'");
    expect(errorsOf('ClusterCreated', { ...seedAnswer, _created: '2020-05-08T17:41:58Z' }).join()).toContain('/_created');
  });
});

describe('spec/kubeclusters.openapi.json', () => {
  it('is the YAML spec as JSON (run `npm run gen:spec-json` if not)', () => {
    expect(loadSpec()).toEqual(parse(readFileSync(new URL('./kubeclusters.openapi.yaml', import.meta.url), 'utf8')));
  });
});

describe('spec/types.ts', () => {
  it('is what openapi-typescript generates from the spec today (run `npm run gen:types` if not)', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'kc-types-')), 'types.ts');
    const bin = join(process.cwd(), 'node_modules', 'openapi-typescript', 'bin', 'cli.js');
    // The same arguments as `npm run gen:types`, with the output moved aside.
    const script = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts['gen:types'] ?? '';
    const args = script.split(/\s+/).slice(1).map((arg) => (arg === 'spec/types.ts' ? out : arg));
    execFileSync(process.execPath, [bin, ...args], { stdio: 'pipe' });
    const committed = readFileSync(new URL('./types.ts', import.meta.url), 'utf8');
    expect(readFileSync(out, 'utf8')).toBe(committed);
  });
});
