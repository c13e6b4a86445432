// Request bodies the sequence sends: valid documents of each resource, and a table of broken variants.
import type { Faker } from '@faker-js/faker';
import { placeholder } from './steps.js';
import type { Sym } from './steps.js';

type Json = Record<string, unknown>;

/** Regions valid for their cloud on every server (the mock checks regions per cloud; the reference does not). */
const REGIONS = { aws: ['us-east-1', 'eu-west-1', 'ap-southeast-2'], azure: ['eastus', 'westeurope', 'japaneast'] } as const;
const ENVIRONMENTS = ['production', 'staging', 'development', 'qa'];

export function validCluster(faker: Faker, name: string, objectstore: Sym | undefined): Json {
  const body: Json = { name };
  if (faker.datatype.boolean(0.7)) body['description'] = faker.lorem.sentence({ min: 2, max: 6 });
  if (faker.datatype.boolean(0.6)) body['tags'] = tags(faker);
  if (faker.datatype.boolean(0.3)) body['image_pull_secret_name'] = faker.helpers.arrayElement(['regcred', 'pull-secret']);
  if (faker.datatype.boolean(0.3)) body['container_registry'] = faker.helpers.arrayElement(['registry.example.com/cc', 'ghcr.io/example/cc']);
  if (faker.datatype.boolean(0.2)) body['kublet_pods_dir'] = '/var/lib/k0s/kubelet/pods';
  if (faker.datatype.boolean(0.4)) body['backup_provider'] = backupProvider(faker, objectstore);
  return body;
}

export function tags(faker: Faker): Record<string, string> {
  const result: Record<string, string> = { env: faker.helpers.arrayElement(ENVIRONMENTS) };
  if (faker.datatype.boolean()) result['team'] = faker.helpers.arrayElement(['storage', 'platform', 'web']);
  return result;
}

export function backupProvider(faker: Faker, objectstore: Sym | undefined): Json {
  const cloud = faker.helpers.arrayElement(['aws', 'azure'] as const);
  const provider: Json = { type: cloud, region: faker.helpers.arrayElement(REGIONS[cloud]) };
  if (objectstore && faker.datatype.boolean()) provider['user_objectstore'] = placeholder.id(objectstore);
  return provider;
}

export function validObjectstore(faker: Faker, name: string): Json {
  const provider = faker.helpers.arrayElement(['s3', 'azure']);
  const body: Json = { name, private: faker.datatype.boolean(), provider_type: provider, s3provider: { credentials: {} } };
  if (faker.datatype.boolean()) body['bucket_name'] = faker.helpers.arrayElement(['backups', 'cc-bucket']);
  if (faker.datatype.boolean()) body['region'] = provider === 's3' ? 'us-east-1' : 'westeurope';
  return body;
}

export function validKubebackup(faker: Faker, name: string, cluster: Sym): Json {
  return {
    name,
    cluster: placeholder.id(cluster),
    source: { all_namespaces: faker.datatype.boolean(), snapshotPersistentVolumes: true },
    trigger_type: faker.helpers.arrayElement(['ADHOC', 'SCHEDULED']),
    status: {},
  };
}

export interface BrokenCluster {
  /** What is wrong, as it appears in the step's shape. */
  what: string;
  body(name: string): unknown;
}

/** Cluster bodies every server must refuse (or, where marked in the allow-list, may treat differently). */
export const brokenClusters: readonly BrokenCluster[] = [
  { what: 'missing name', body: () => ({ description: 'no name' }) },
  { what: 'empty name', body: () => ({ name: '' }) },
  { what: 'null name', body: () => ({ name: null }) },
  { what: 'name of wrong type', body: () => ({ name: 42 }) },
  { what: 'tags of wrong type', body: (name) => ({ name, tags: 'env=prod' }) },
  { what: 'tag value of wrong type', body: (name) => ({ name, tags: { env: 1 } }) },
  { what: 'description of wrong type', body: (name) => ({ name, description: ['a'] }) },
  { what: 'unknown field', body: (name) => ({ name, colour: 'blue' }) },
  { what: 'unknown nested field', body: (name) => ({ name, backup_provider: { type: 'aws', region: 'us-east-1', zone: 'a' } }) },
  { what: 'bad enum', body: (name) => ({ name, backup_provider: { type: 'gcp', region: 'us-east-1' } }) },
  { what: 'type without region', body: (name) => ({ name, backup_provider: { type: 'aws' } }) },
  { what: 'region without type', body: (name) => ({ name, backup_provider: { region: 'eu-west-1' } }) },
  { what: 'region of another cloud', body: (name) => ({ name, backup_provider: { type: 'aws', region: 'westeurope' } }) },
  { what: 'dangling user_objectstore', body: (name) => ({ name, backup_provider: { user_objectstore: 'abcdefabcdefabcdefabcdef' } }) },
  { what: 'malformed user_objectstore', body: (name) => ({ name, backup_provider: { user_objectstore: 'not-an-id' } }) },
  { what: 'read-only status', body: (name) => ({ name, status: { state: 'ACTIVE' } }) },
  { what: 'read-only _created', body: (name) => ({ name, _created: 'Fri, 08 May 2020 17:41:58 GMT' }) },
  { what: 'backup_provider of wrong type', body: (name) => ({ name, backup_provider: 'aws' }) },
];

/** Raw bodies that are not a JSON object at all. */
export const rawBodies: ReadonlyArray<{ what: string; text: string; contentType?: string }> = [
  { what: 'malformed JSON', text: '{"name": ' },
  { what: 'empty body', text: '' },
  { what: 'text/plain body', text: '{"name": "x"}', contentType: 'text/plain' },
  { what: 'JSON string', text: '"x"' },
  { what: 'JSON null', text: 'null' },
  { what: 'JSON number 1', text: '1' },
  { what: 'array of a string', text: '["x"]' },
];
