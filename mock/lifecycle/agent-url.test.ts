import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { agentUrlMaker, clusterIdOfToken, parseAgentPath, tokenNamesCluster } from './agent-url.js';

/** Bytes 0, 1, 2, … in every pool drawn: the URLs become predictable. */
const counting = (size: number) => Uint8Array.from({ length: size }, (_, index) => index % 256);
const ID = '5eb599e603f7a77d5223efee';
const BASE = 'http://127.0.0.1:4010';

function credentialsOf(url: string) {
  expect(url.startsWith(`${BASE}/kubeclusteragents/`)).toBe(true);
  const credentials = parseAgentPath(url.slice(BASE.length));
  expect(credentials, url).toBeDefined();
  return credentials as { agentId: string; token: string };
}

describe('agent URLs', () => {
  it('carry a token that is the base64url of the cluster id bytes followed by 20 drawn bytes', () => {
    const { agentId, token } = credentialsOf(agentUrlMaker(counting)(BASE, ID));
    expect(agentId).toMatch(/^agent-[a-z0-9]{5}$/);
    // One draw of 25 bytes: the first 5 pick the short id, the other 20 follow the id bytes.
    expect(agentId).toBe('agent-abcde');
    expect(token).toBe(Buffer.concat([Buffer.from(ID, 'hex'), Buffer.from(counting(25).subarray(5))]).toString('base64url'));
    expect(token).toHaveLength(43);
    expect(clusterIdOfToken(token)).toBe(ID);
    expect(tokenNamesCluster(token, ID)).toBe(true);
    expect(tokenNamesCluster(token, '5eb599e603f7a77d5223efef')).toBe(false);
  });

  it('carry an all-random token for an id that is not an ObjectId', () => {
    const { token } = credentialsOf(agentUrlMaker(counting)(BASE, 'not-an-object-id'));
    expect(token).toBe(Buffer.from(counting(37).subarray(5)).toString('base64url'));
    expect(tokenNamesCluster(token, 'not-an-object-id')).toBe(false);
  });

  it('encode the drawn bytes exactly as Buffer does in base64url, URL after URL across refills of the pool', () => {
    const drawn: Buffer[] = [];
    const source = (size: number) => {
      const bytes = randomBytes(size);
      drawn.push(bytes);
      return bytes;
    };
    const newUrl = agentUrlMaker(source, 100);
    let offset = 0;
    for (let round = 0; round < 200; round++) {
      const named = round % 2 === 0;
      const url = newUrl(BASE, named ? ID : 'not-an-object-id');
      const size = named ? 25 : 37;
      if (offset + size > (drawn.at(-1) as Buffer).length) offset = 0;
      const bytes = (drawn.at(-1) as Buffer).subarray(offset, offset + size);
      offset += size;
      const expected = named ? Buffer.concat([Buffer.from(ID, 'hex'), bytes.subarray(5)]) : bytes.subarray(5);
      expect(credentialsOf(url).token).toBe(expected.toString('base64url'));
    }
    expect(drawn.length).toBeGreaterThan(40);
  });

  it('keep a base URL as given: trailing slashes dropped, characters beyond ASCII intact', () => {
    const newUrl = agentUrlMaker(counting);
    expect(newUrl('http://example.test/', ID)).toMatch(/^http:\/\/example\.test\/kubeclusteragents\/agent-[a-z0-9]{5}\/[\w-]{43}\.yaml$/);
    expect(newUrl('https://clusters.exämple.test/mock', ID)).toMatch(/^https:\/\/clusters\.exämple\.test\/mock\/kubeclusteragents\/agent-[a-z0-9]{5}\/[\w-]{43}\.yaml$/);
    expect(newUrl(BASE, ID).startsWith(`${BASE}/kubeclusteragents/agent-`)).toBe(true);
  });

  it('read no cluster id from a token too short or not in canonical base64url', () => {
    expect(clusterIdOfToken('XuWZ5gP3p31SI')).toBeUndefined();
    // The seed's example token: 12 bytes decode from its start, but no cluster made it.
    expect(clusterIdOfToken('RiFmKE3W1zgeIZACmTA8Z-iZrKXcdM0jEC7RiCu0lT4=')).toBe(Buffer.from('RiFmKE3W1zgeIZAC', 'base64url').toString('hex'));
    expect(clusterIdOfToken('RiFmKE3W1zgeIZA=mTA8Z-iZrKXcdM0jEC7RiCu0lT4=')).toBeUndefined();
  });
});
