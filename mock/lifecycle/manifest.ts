// The YAML `kubectl apply -f <agentURL>` installs: namespace, service account, RBAC, secret and kubemanager.
import { MOCK_AGENT_VERSION } from './state-machine.js';

export interface AgentImage {
  name: string;
  tag: string;
}

export const DEFAULT_REGISTRY = 'docker.io/catalogicsoftware';
export const AGENT_NAMESPACE = 'cloudcasa-io';
export const DEFAULT_KUBELET_PODS_DIR = '/var/lib/kubelet/pods';

/** What `GET /kubeclusters/cloudcasa-images` lists: the images to mirror into `container_registry`. */
export const defaultAgentImages: readonly AgentImage[] = [
  { name: 'cloudcasa-kubeagent-manager', tag: MOCK_AGENT_VERSION },
  { name: 'cloudcasa-kubeagent', tag: MOCK_AGENT_VERSION },
  { name: 'velero', tag: 'v1.14.1' },
  { name: 'velero-plugin-for-aws', tag: 'v1.10.1' },
  { name: 'velero-plugin-for-microsoft-azure', tag: 'v1.10.1' },
];

export interface ManifestInput {
  clusterId: string;
  clusterName: string;
  agentId: string;
  token: string;
  serverUrl: string;
  imagePullSecretName?: string | undefined;
  containerRegistry?: string | undefined;
  kubeletPodsDir?: string | undefined;
}

/** The manifest as YAML; the YAML library is loaded with the first manifest, not at start-up. */
export async function renderAgentManifest(input: ManifestInput): Promise<string> {
  const labels = { app: 'cloudcasa-kubeagent', 'cloudcasa.io/cluster-id': input.clusterId };
  const metadata = (name: string) => ({ name, namespace: AGENT_NAMESPACE, labels });
  const manager = defaultAgentImages[0] as AgentImage;
  const list = {
    apiVersion: 'v1',
    kind: 'List',
    items: [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: AGENT_NAMESPACE, labels } },
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: metadata('cloudcasa-io') },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRoleBinding',
        metadata: { name: 'cloudcasa-io', labels },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
        subjects: [{ kind: 'ServiceAccount', name: 'cloudcasa-io', namespace: AGENT_NAMESPACE }],
      },
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: metadata('cloudcasa-agent-credentials'),
        type: 'Opaque',
        stringData: { AGENT_ID: input.agentId, AGENT_TOKEN: input.token, SERVER_URL: input.serverUrl, CLUSTER_NAME: input.clusterName },
      },
      deployment(input, metadata('kubemanager'), imageRef(input.containerRegistry, manager)),
    ],
  };
  const { stringify } = await import('yaml');
  return stringify(list);
}

function deployment(input: ManifestInput, metadata: object, image: string) {
  const selector = { app: 'kubemanager' };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata,
    spec: {
      replicas: 1,
      selector: { matchLabels: selector },
      template: {
        metadata: { labels: selector },
        spec: {
          serviceAccountName: 'cloudcasa-io',
          ...(input.imagePullSecretName ? { imagePullSecrets: [{ name: input.imagePullSecretName }] } : {}),
          containers: [
            {
              name: 'kubemanager',
              image,
              envFrom: [{ secretRef: { name: 'cloudcasa-agent-credentials' } }],
              volumeMounts: [{ name: 'kubelet-pods', mountPath: '/host/pods', mountPropagation: 'HostToContainer' }],
            },
          ],
          volumes: [{ name: 'kubelet-pods', hostPath: { path: input.kubeletPodsDir ?? DEFAULT_KUBELET_PODS_DIR, type: 'Directory' } }],
        },
      },
    },
  };
}

/** `https://registry.example.com/mirror/` + image → `registry.example.com/mirror/<name>:<tag>`. */
export function imageRef(containerRegistry: string | undefined, image: AgentImage): string {
  const registry = containerRegistry ? containerRegistry.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/\/+$/, '') : DEFAULT_REGISTRY;
  return `${registry}/${image.name}:${image.tag}`;
}
