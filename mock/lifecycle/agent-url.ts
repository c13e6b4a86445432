// The agent URL the server hands out: `<base>/kubeclusteragents/agent-<short id>/<token>.yaml`.
import { objectIdPattern } from '../store/ids.js';

export interface AgentCredentials {
  agentId: string;
  token: string;
}

const AGENT_PATH = /^\/kubeclusteragents\/(agent-[a-z0-9]{5})\/([A-Za-z0-9_=-]{16,128})\.yaml$/;
const SHORT_ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

const SHORT_ID_CODES = Array.from(SHORT_ID_ALPHABET, (char) => char.charCodeAt(0));

/**
 * `randomBytes` is injected so tests can make the credentials predictable. The token is 32 bytes in
 * base64url, like the seed's: the cluster's 12 id bytes, then 20 random ones. A manifest request
 * thus names its cluster, and the server keeps no directory of the agent URLs it hands out.
 */
export function makeAgentCredentials(randomBytes: (size: number) => Uint8Array, clusterId: string): AgentCredentials {
  const named = objectIdPattern.test(clusterId);
  // One draw: 5 bytes pick the short id, the rest are the token's random bytes.
  const drawn = randomBytes(named ? 25 : 37);
  const shortId = String.fromCharCode(shortIdCode(drawn, 0), shortIdCode(drawn, 1), shortIdCode(drawn, 2), shortIdCode(drawn, 3), shortIdCode(drawn, 4));
  const random = base64url(drawn, 5);
  // 12 bytes are whole groups of three: their base64url joined with the rest's is the base64url of all 32.
  return { agentId: `agent-${shortId}`, token: named ? idToken(clusterId) + random : random };
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const BASE64URL_CODES = Array.from(BASE64URL, (char) => char.charCodeAt(0));
/** Character code → its value in base64url (or in hex, for `HEX_VALUES`); -1 for any other character. */
const BASE64URL_VALUES = valuesOf(BASE64URL);
const HEX_VALUES = valuesOf('0123456789abcdef');
const ID_TOKEN_LENGTH = 16;

function valuesOf(alphabet: string): Int8Array {
  const values = new Int8Array(128).fill(-1);
  for (let index = 0; index < alphabet.length; index++) values[alphabet.charCodeAt(index)] = index;
  return values;
}

function shortIdCode(drawn: Uint8Array, index: number): number {
  return SHORT_ID_CODES[(drawn[index] as number) % SHORT_ID_CODES.length] as number;
}

/** The base64url digits of 24 bits. */
function quartet(bits: number): string {
  return String.fromCharCode(digitCode(bits >> 18), digitCode(bits >> 12), digitCode(bits >> 6), digitCode(bits));
}

function digitCode(bits: number): number {
  return BASE64URL_CODES[bits & 63] as number;
}

/**
 * `bytes` from `start` in base64url without padding, as `Buffer#toString('base64url')` writes it,
 * written here: for the 20 bytes of a token, a call into the runtime costs more than the encoding.
 */
function base64url(bytes: Uint8Array, start: number): string {
  let text = '';
  let index = start;
  for (; index + 3 <= bytes.length; index += 3) text += quartet(((bytes[index] as number) << 16) | ((bytes[index + 1] as number) << 8) | (bytes[index + 2] as number));
  const left = bytes.length - index;
  if (left === 0) return text;
  const last = quartet(((bytes[index] as number) << 16) | ((left === 2 ? (bytes[index + 1] as number) : 0) << 8));
  return text + last.slice(0, left + 1);
}

/** An ObjectId's 12 bytes in base64url (16 characters), written from its hex: each 6 hex digits are 4 base64url digits. */
function idToken(id: string): string {
  return quartet(hexGroup(id, 0)) + quartet(hexGroup(id, 1)) + quartet(hexGroup(id, 2)) + quartet(hexGroup(id, 3));
}

/** The value of hex digits 6·group to 6·group + 5 of a 24-digit id; -1 when one is not a lowercase hex digit. */
function hexGroup(id: string, group: number): number {
  let value = 0;
  for (let digit = 0; digit < 6; digit++) {
    const digitValue = HEX_VALUES[id.charCodeAt(6 * group + digit)] ?? -1;
    if (digitValue < 0) return -1;
    value = value * 16 + digitValue;
  }
  return value;
}

/**
 * Whether `text` holds, from `start`, the id bytes of cluster `id` in base64url, as a token made
 * here for that cluster does. It compares digit values in place: this runs for every cluster written.
 */
export function tokenNamesCluster(text: string, id: string, start = 0): boolean {
  if (id.length !== 24 || text.length < start + ID_TOKEN_LENGTH) return false;
  for (let group = 0; group < 4; group++) {
    const fromId = hexGroup(id, group);
    if (fromId < 0) return false;
    let fromToken = 0;
    for (let digit = 0; digit < 4; digit++) {
      const value = BASE64URL_VALUES[text.charCodeAt(start + 4 * group + digit)] ?? -1;
      if (value < 0) return false;
      fromToken = fromToken * 64 + value;
    }
    if (fromId !== fromToken) return false;
  }
  return true;
}

/** The cluster id a token starts with, or undefined when its first 16 characters are not 12 bytes of base64url. */
export function clusterIdOfToken(token: string): string | undefined {
  const prefix = token.slice(0, ID_TOKEN_LENGTH);
  if (prefix.length < ID_TOKEN_LENGTH) return undefined;
  const id = Buffer.from(prefix, 'base64url').toString('hex');
  return id.length === 24 && idToken(id) === prefix ? id : undefined;
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
