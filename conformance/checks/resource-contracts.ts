// What the suite expects of each writable resource, declared once: a valid body as real clients send it,
// the fields a client changes, what it refers to. The contract of the API, not the mock's internals:
// every declaration is checked against the spec's input schemas (resource-contracts.test.ts).
import type { Doc } from '../check.js';
import type { ResourceName, Schemas } from '../client.js';
import type { SchemaName } from '../../spec/schemas.js';

export type WritableResource = Exclude<ResourceName, 'jobs'>;
/** The documents a body refers to, by the label its declaration gives them (created first). */
export type Refs = Record<string, Doc>;

export interface ResourceContract<Input extends object = Doc> {
  resource: WritableResource;
  /** The requirement ids' middle part: KC-RES-<key>-<n>. */
  key: string;
  /** Set when the resource comes from a client rather than the guide: a server without it skips its checks. */
  optional?: string;
  /** The spec schemas a POST body and a PATCH body satisfy. */
  schemas: { input: SchemaName; patch: SchemaName };
  /** What the body refers to: label → resource (created first, from that resource's declaration). */
  refersTo: Readonly<Record<string, WritableResource>>;
  /** A valid POST body, as real clients send it. */
  body(name: string, refs: Refs): Input;
  /** Every field a client changes, each with a valid value different from `body`'s. */
  changes(name: string, refs: Refs): Partial<Input>;
  /** Optional fields of `body` a PUT leaves out: the replacement has none of them. */
  leftOutOfPut: readonly (keyof Input & string)[];
  /** Fields the server owns: what a client sends there (e.g. the provider's `status: {}`) is not read back as sent. */
  serverOwned: readonly string[];
  /** Fields no two documents of one tenant may share (Eve's `unique`). */
  unique: readonly (keyof Input & string)[];
  /** A field with a value of the wrong type, which the server must refuse with 422 naming the field. */
  wrongType: { [K in keyof Input]?: unknown };
}

const declare = <Input extends object>(contract: ResourceContract<Input>): ResourceContract => contract as unknown as ResourceContract;

const kubeclusters = declare<Schemas['ClusterInput']>({
  resource: 'kubeclusters',
  key: 'KUBECLUSTERS',
  schemas: { input: 'ClusterInput', patch: 'ClusterPatch' },
  refersTo: { store: 'objectstores' },
  body: (name, refs) => ({
    name,
    description: 'made by the conformance suite',
    tags: { env: 'test' },
    image_pull_secret_name: 'pull-secret',
    container_registry: 'registry.example.com/cloudcasa',
    kublet_pods_dir: '/var/lib/kubelet/pods',
    backup_provider: { type: 'aws', region: 'us-east-1', user_objectstore: refs['store']?.['_id'] },
  }),
  // Nested objects keep their keys, so a PATCH's merge (Eve's MERGE_NESTED_DOCUMENTS) stores exactly what was sent.
  changes: (name, refs) => ({
    name,
    description: 'changed by the conformance suite',
    tags: { env: 'prod' },
    image_pull_secret_name: 'other-pull-secret',
    container_registry: 'mirror.example.com/cloudcasa',
    kublet_pods_dir: '/data/kubelet/pods',
    backup_provider: { type: 'azure', region: 'westeurope', user_objectstore: refs['store']?.['_id'] },
  }),
  leftOutOfPut: ['description', 'tags'],
  serverOwned: ['status'],
  unique: ['name'],
  wrongType: { image_pull_secret_name: 7 },
});

const objectstores = declare<Schemas['ObjectstoreInput']>({
  resource: 'objectstores',
  key: 'OBJECTSTORES',
  schemas: { input: 'ObjectstoreInput', patch: 'ObjectstorePatch' },
  refersTo: {},
  // Credentials stay empty, as the provider sends them: a real server may hide secrets it stores.
  body: (name) => ({
    name,
    private: true,
    provider_type: 's3',
    bucket_name: 'conformance-backups',
    region: 'us-east-1',
    proxy_cluster_list: [],
    skip_tls_certificate_validation: false,
    s3provider: { endpoint: 'https://s3.example.com', credentials: {} },
  }),
  changes: (name) => ({
    name,
    private: false,
    provider_type: 'azure',
    bucket_name: 'other-backups',
    region: 'eu-west-1',
    skip_tls_certificate_validation: true,
    s3provider: { endpoint: 'https://minio.example.com', credentials: {} },
  }),
  leftOutOfPut: ['proxy_cluster_list'],
  serverOwned: [],
  unique: ['name'],
  wrongType: { private: 'yes' },
});

const kubebackups = declare<Schemas['KubebackupInput']>({
  resource: 'kubebackups',
  key: 'KUBEBACKUPS',
  schemas: { input: 'KubebackupInput', patch: 'KubebackupPatch' },
  refersTo: { cluster: 'kubeclusters' },
  body: (name, refs) => ({
    name,
    cluster: refs['cluster']?.['_id'],
    trigger_type: 'ADHOC',
    source: { all_namespaces: true, snapshotPersistentVolumes: true },
    pre_hooks: [{ template: false, namespaces: ['default'], hooks: ['quiesce'] }],
    post_hooks: [{ template: false, namespaces: ['default'], hooks: ['resume'] }],
    status: {},
  }),
  changes: (name) => ({
    name,
    source: { all_namespaces: false, snapshotPersistentVolumes: false, namespaces: ['default'] },
    pre_hooks: [{ template: true, namespaces: ['kube-system'], hooks: ['flush'] }],
    post_hooks: [{ template: true, namespaces: ['kube-system'], hooks: ['thaw'] }],
  }),
  leftOutOfPut: ['post_hooks'],
  serverOwned: ['status'],
  unique: ['name'],
  wrongType: { source: 'all' },
});

const policies = declare<Schemas['PolicyInput']>({
  resource: 'policies',
  key: 'POLICIES',
  optional: "the Terraform provider's policies",
  schemas: { input: 'PolicyInput', patch: 'PolicyPatch' },
  refersTo: {},
  body: (name) => ({ name, timezone: 'America/New_York', schedules: [{ retainDays: 7, locked: false, schedule: { cronSpec: '30 0 * * MON,FRI' } }] }),
  changes: (name) => ({ name, timezone: 'Europe/Paris', schedules: [{ retainDays: 14, locked: true, schedule: { cronSpec: '0 4 * * SUN' } }] }),
  leftOutOfPut: [],
  serverOwned: [],
  unique: ['name'],
  wrongType: { timezone: 42 },
});

/** `options` is free-form JSON, which the generated type renders as an object that holds nothing. */
type KubeoffloadBody = Omit<Schemas['KubeoffloadInput'], 'options'> & { options?: Doc };

const kubeoffloads = declare<KubeoffloadBody>({
  resource: 'kubeoffloads',
  key: 'KUBEOFFLOADS',
  optional: "the Terraform provider's copy definitions (copy_persistent_volumes)",
  schemas: { input: 'KubeoffloadInput', patch: 'KubeoffloadPatch' },
  refersTo: { backup: 'kubebackups' },
  body: (name, refs) => ({
    name,
    cluster: refs['backup']?.['cluster'],
    backupdef: refs['backup']?.['_id'],
    trigger_type: 'ADHOC',
    run_backup: true,
    delete_snapshots: false,
    skip_live_copy: false,
    snapshot_longhorn: false,
    offload_provider: { type: 'aws', region: 'us-east-1' },
    options: { parallelism: '2' },
    status: {},
  }),
  changes: (name) => ({
    name,
    run_backup: false,
    delete_snapshots: true,
    skip_live_copy: true,
    snapshot_longhorn: true,
    offload_provider: { type: 'azure', region: 'eastus' },
    options: { parallelism: '4' },
  }),
  leftOutOfPut: ['options'],
  serverOwned: ['status'],
  unique: ['name'],
  wrongType: { run_backup: 'yes' },
});

/** In the order their checks run; a declaration's references come before it. */
export const resourceContracts: readonly ResourceContract[] = [kubeclusters, objectstores, kubebackups, policies, kubeoffloads];

export const contractOf = (resource: WritableResource): ResourceContract =>
  resourceContracts.find((contract) => contract.resource === resource) as ResourceContract;
