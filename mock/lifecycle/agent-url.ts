// The agent URL the server hands out: `<base>/kubeclusteragents/agent-<short id>/<token>.yaml`.

export interface AgentCredentials {
  agentId: string;
  token: string;
}

const AGENT_PATH = /^\/kubeclusteragents\/(agent-[a-z0-9]{5})\/([A-Za-z0-9_=-]{16,128})\.yaml$/;
const SHORT_ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

const SHORT_ID_CODES = Array.from(SHORT_ID_ALPHABET, (char) => char.charCodeAt(0));

/** `randomBytes` is injected so tests can make the credentials predictable. */
export function makeAgentCredentials(randomBytes: (size: number) => Uint8Array): AgentCredentials {
  const picks = randomBytes(5);
  const codes: number[] = [];
  for (let index = 0; index < 5; index++) codes.push(SHORT_ID_CODES[(picks[index] as number) % SHORT_ID_CODES.length] as number);
  const bytes = randomBytes(32);
  const token = (Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)).toString('base64url');
  return { agentId: `agent-${String.fromCharCode(...codes)}`, token };
}

/** Joined rather than concatenated: one flat string, not a tree of pieces, kept with every cluster. */
export function agentUrl(baseUrl: string, credentials: AgentCredentials): string {
  const base = baseUrl.endsWith('/') ? baseUrl.replace(/\/+$/, '') : baseUrl;
  return [base, '/kubeclusteragents/', credentials.agentId, '/', credentials.token, '.yaml'].join('');
}

/** Whether a path is an agent manifest's (`/kubeclusteragents/agent-xxxxx/<token>.yaml`). */
export function isAgentPath(pathname: string): boolean {
  return AGENT_PATH.test(pathname);
}

/** The credentials in an agent URL's path, or undefined when the path is not one. */
export function parseAgentPath(pathname: string): AgentCredentials | undefined {
  const match = AGENT_PATH.exec(pathname);
  return match ? { agentId: match[1] as string, token: match[2] as string } : undefined;
}

/** Random bytes drawn from a pool refilled a few kilobytes at a time: one system call per ~100 clusters, not two per cluster. */
export function pooledRandomBytes(source: (size: number) => Uint8Array, poolSize = 4096): (size: number) => Uint8Array {
  let pool = source(poolSize);
  let offset = 0;
  return (size) => {
    if (offset + size > pool.length) {
      pool = source(Math.max(poolSize, size));
      offset = 0;
    }
    offset += size;
    return pool.subarray(offset - size, offset);
  };
}
