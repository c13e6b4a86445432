// Server-made ids in Mongo ObjectId form: 4 bytes of seconds, 5 random bytes, a 3-byte counter.
import { randomBytes } from 'node:crypto';

const processPart = randomBytes(5).toString('hex');
let counter = randomBytes(3).readUIntBE(0, 3);

export const objectIdPattern = /^[0-9a-f]{24}$/;

export function newObjectId(nowMs: number): string {
  counter = (counter + 1) % 0x1000000;
  const seconds = Math.floor(nowMs / 1000).toString(16).padStart(8, '0').slice(-8);
  return seconds + processPart + counter.toString(16).padStart(6, '0');
}
