import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, parsePasswordHash, verifyPassword } from './password';

const cheap = { logN: 10, r: 8, p: 1 };

describe('password hashing (scrypt)', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correct horse battery', cheap);
    expect(stored).toMatch(/^scrypt\$10\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts each hash: the same password hashes differently', async () => {
    const a = await hashPassword('same password', cheap);
    const b = await hashPassword('same password', cheap);
    expect(a).not.toBe(b);
    expect(parsePasswordHash(a)?.salt.equals(parsePasswordHash(b)!.salt)).toBe(false);
  });

  it('verifies with the parameters stored in the hash, and asks for a rehash when they are weaker', async () => {
    const stored = await hashPassword('old parameters', { logN: 11, r: 8, p: 1 });
    expect(await verifyPassword('old parameters', stored)).toBe(true);
    expect(needsRehash(stored, { logN: 15, r: 8, p: 1 })).toBe(true);
    expect(needsRehash(stored, { logN: 11, r: 8, p: 1 })).toBe(false);
  });

  it('refuses malformed or tampered hashes instead of throwing', async () => {
    const stored = await hashPassword('pw-pw-pw-pw', cheap);
    expect(await verifyPassword('pw-pw-pw-pw', 'plaintext')).toBe(false);
    expect(await verifyPassword('pw-pw-pw-pw', stored.replace('scrypt$10', 'scrypt$40'))).toBe(false);
    const parts = stored.split('$');
    parts[5] = Buffer.alloc(32).toString('base64url');
    expect(await verifyPassword('pw-pw-pw-pw', parts.join('$'))).toBe(false);
  });

  it('uses OWASP\'s minimum (N = 2^17, r = 8, p = 1; 128 MiB, above Node\'s default maxmem) when none are given', async () => {
    const stored = await hashPassword('default cost');
    expect(parsePasswordHash(stored)?.params).toEqual({ logN: 17, r: 8, p: 1 });
  });
});
