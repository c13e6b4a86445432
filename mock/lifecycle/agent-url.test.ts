import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { clusterIdOfToken, makeAgentCredentials, tokenNamesCluster } from './agent-url.js';

/** Bytes 0, 1, 2, … on every draw: the credentials become predictable. */
const counting = (size: number) => Uint8Array.from({ length: size }, (_, index) => index);
const ID = '5eb599e603f7a77d5223efee';

describe('agent credentials', () => {
  it('make a token that is the base64url of the cluster id bytes followed by 20 random bytes', () => {
    const { agentId, token } = makeAgentCredentials(counting, ID);
    expect(agentId).toMatch(/^agent-[a-z0-9]{5}$/);
    // One draw of 25 bytes: the first 5 pick the short id, the other 20 follow the id bytes.
    expect(token).toBe(Buffer.concat([Buffer.from(ID, 'hex'), Buffer.from(counting(25).subarray(5))]).toString('base64url'));
    expect(token).toHaveLength(43);
    expect(clusterIdOfToken(token)).toBe(ID);
    expect(tokenNamesCluster(token, ID)).toBe(true);
    expect(tokenNamesCluster(token, '5eb599e603f7a77d5223efef')).toBe(false);
  });

  it('make an all-random token for an id that is not an ObjectId', () => {
    const { token } = makeAgentCredentials(counting, 'not-an-object-id');
    expect(token).toBe(Buffer.from(counting(37).subarray(5)).toString('base64url'));
    expect(tokenNamesCluster(token, 'not-an-object-id')).toBe(false);
  });

  it('encode any drawn bytes exactly as Buffer does in base64url', () => {
    for (let round = 0; round < 200; round++) {
      const drawn = randomBytes(37);
      const source = (size: number) => drawn.subarray(0, size);
      expect(makeAgentCredentials(source, ID).token).toBe(Buffer.concat([Buffer.from(ID, 'hex'), drawn.subarray(5, 25)]).toString('base64url'));
      expect(makeAgentCredentials(source, 'not-an-object-id').token).toBe(drawn.subarray(5).toString('base64url'));
    }
  });

  it('read no cluster id from a token too short or not in canonical base64url', () => {
    expect(clusterIdOfToken('XuWZ5gP3p31SI')).toBeUndefined();
    // The seed's example token: 12 bytes decode from its start, but no cluster made it.
    expect(clusterIdOfToken('RiFmKE3W1zgeIZACmTA8Z-iZrKXcdM0jEC7RiCu0lT4=')).toBe(Buffer.from('RiFmKE3W1zgeIZAC', 'base64url').toString('hex'));
    expect(clusterIdOfToken('RiFmKE3W1zgeIZA=mTA8Z-iZrKXcdM0jEC7RiCu0lT4=')).toBeUndefined();
  });
});
