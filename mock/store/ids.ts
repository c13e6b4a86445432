// Server-made ids in Mongo ObjectId form: 4 bytes of seconds, 5 random bytes, a 3-byte counter.
const random = crypto.getRandomValues(new Uint8Array(8));
const processPart = Array.from(random.subarray(0, 5), (byte) => byte.toString(16).padStart(2, '0')).join('');
let counter = ((random[5] as number) << 16) | ((random[6] as number) << 8) | (random[7] as number);

export const objectIdPattern = /^[0-9a-f]{24}$/;

export function newObjectId(nowMs: number): string {
  counter = (counter + 1) % 0x1000000;
  const seconds = Math.floor(nowMs / 1000).toString(16).padStart(8, '0').slice(-8);
  return seconds + processPart + counter.toString(16).padStart(6, '0');
}
