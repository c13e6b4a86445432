// SHA-1 in hex, the etag's fingerprint: pure JS (@noble/hashes) on every runtime, the host's native one where it has it.
import { sha1 } from '@noble/hashes/legacy.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

export type Sha1Hex = (text: string) => string;

export const portableSha1Hex: Sha1Hex = (text) => bytesToHex(sha1(utf8ToBytes(text)));

let current: Sha1Hex = portableSha1Hex;

/** A host with a native SHA-1 (Node's is eight times faster) sets it here; it must give the same hex. */
export function useSha1Hex(implementation: Sha1Hex): void {
  current = implementation;
}

/** The SHA-1 of `text` (UTF-8) in lower-case hex. */
export function sha1Hex(text: string): string {
  return current(text);
}

/** The SHA-1 of `text` (UTF-8) as bytes, for the few callers that draw numbers from it. */
export function sha1Bytes(text: string): Uint8Array {
  return sha1(utf8ToBytes(text));
}
