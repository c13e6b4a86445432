// The agent URL the server hands out: `<base>/kubeclusteragents/agent-<short id>/<token>.yaml`.
import { objectIdPattern } from '../store/ids.js';

export interface AgentCredentials {
  agentId: string;
  token: string;
}

const AGENT_PATH = /^\/kubeclusteragents\/(agent-[a-z0-9]{5})\/([A-Za-z0-9_=-]{16,128})\.yaml$/;
const SHORT_ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

const SHORT_ID_CODES = Array.from(SHORT_ID_ALPHABET, (char) => char.charCodeAt(0));

const AGENT_PREFIX = '/kubeclusteragents/agent-';
const YAML_CODES = Array.from('.yaml', (char) => char.charCodeAt(0));
const SLASH = 47;
/** Bytes drawn per URL: 5 pick the short id, 20 follow the id bytes in the token. */
const DRAWN = 25;
/** A token for an id that is not an ObjectId is all random: 32 bytes. */
const DRAWN_UNNAMED = 37;

/**
 * Makes agent URLs. A token is 32 bytes in base64url, like the seed's: the cluster's 12 id bytes,
 * then 20 random ones, so a manifest request names its cluster and the server keeps no directory
 * of the URLs it hands out. `randomBytes` is injected so tests can make the URLs predictable; it
 * is drawn from a few kilobytes at a time (one system call per ~150 clusters).
 *
 * A URL is written as character codes into one array and made one flat string from them: made of
 * pieces, it cost dozens of small strings per cluster, and it is kept with every cluster (read out of
 * a byte buffer instead, each URL cost a call into C++).
 */
export function agentUrlMaker(randomBytes: (size: number) => Uint8Array, poolSize = 4096): (baseUrl: string, clusterId: string) => string {
  let pool = randomBytes(poolSize);
  let drawn = 0;
  let lastBase: string | undefined;
  const text: number[] = [];
  let prefixEnd = 0;
  const writePrefix = (baseUrl: string) => {
    const prefix = `${baseUrl.replace(/\/+$/, '')}${AGENT_PREFIX}`;
    for (let index = 0; index < prefix.length; index++) text[index] = prefix.charCodeAt(index);
    prefixEnd = prefix.length;
    lastBase = baseUrl;
  };
  return (baseUrl, clusterId) => {
    if (baseUrl !== lastBase) writePrefix(baseUrl);
    const idBytes = objectIdPattern.test(clusterId);
    const size = idBytes ? DRAWN : DRAWN_UNNAMED;
    if (drawn + size > pool.length) {
      pool = randomBytes(Math.max(poolSize, size));
      drawn = 0;
    }
    const start = drawn;
    drawn += size;
    let at = prefixEnd;
    for (let index = start; index < start + 5; index++) text[at++] = SHORT_ID_CODES[(pool[index] as number) % SHORT_ID_CODES.length] as number;
    text[at++] = SLASH;
    if (idBytes) for (let group = 0; group < 4; group++) at = writeQuartet(text, at, hexGroup(clusterId, group));
    at = writeBase64url(text, at, pool, start + 5, start + size);
    for (const code of YAML_CODES) text[at++] = code;
    text.length = at;
    return String.fromCharCode.apply(null, text);
  };
}

/** Writes the four base64url digits of 24 bits at `at`; answers where they end. */
function writeQuartet(text: number[], at: number, bits: number): number {
  text[at] = digitCode(bits >> 18);
  text[at + 1] = digitCode(bits >> 12);
  text[at + 2] = digitCode(bits >> 6);
  text[at + 3] = digitCode(bits);
  return at + 4;
}

/** Writes `bytes[start, end)` in base64url without padding, as `Buffer#toString('base64url')` does; answers where it ends. */
function writeBase64url(text: number[], at: number, bytes: Uint8Array, start: number, end: number): number {
  let index = start;
  for (; index + 3 <= end; index += 3) at = writeQuartet(text, at, ((bytes[index] as number) << 16) | ((bytes[index + 1] as number) << 8) | (bytes[index + 2] as number));
  const left = end - index;
  if (left === 0) return at;
  writeQuartet(text, at, ((bytes[index] as number) << 16) | ((left === 2 ? (bytes[index + 1] as number) : 0) << 8));
  return at + left + 1;
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

function digitCode(bits: number): number {
  return BASE64URL_CODES[bits & 63] as number;
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
  const id = hexOfBase64url(prefix);
  return id.length === 24 && tokenNamesCluster(prefix, id) ? id : undefined;
}

/** 16 base64url characters as the hex of their 12 bytes; '' when one is not base64url. */
function hexOfBase64url(text: string): string {
  let hex = '';
  for (let group = 0; group < text.length; group += 4) {
    let bits = 0;
    for (let digit = 0; digit < 4; digit++) {
      const value = BASE64URL_VALUES[text.charCodeAt(group + digit)] ?? -1;
      if (value < 0) return '';
      bits = bits * 64 + value;
    }
    hex += bits.toString(16).padStart(6, '0');
  }
  return hex;
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
