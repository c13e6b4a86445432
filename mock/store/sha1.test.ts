import { hash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { portableSha1Hex } from './sha1.js';

describe('SHA-1 of the etag', () => {
  it('the portable SHA-1 gives the hex Node gives, so an etag is the same on every runtime', () => {
    const texts = ['', 'a', '{"name":"prod-eu","_id":"6b14a21e218733c5dd33eb8a"}\n17', 'ünïcødé ✓ 𝄞', 'x'.repeat(10_000)];
    for (const text of texts) expect(portableSha1Hex(text), JSON.stringify(text.slice(0, 20))).toBe(hash('sha1', text, 'hex'));
  });
});
