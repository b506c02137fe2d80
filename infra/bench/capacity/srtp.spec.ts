import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { rtpPacket } from '../../../libs/sfu-core/src/testing/rtp';
import { BENCH_DEFAULT_SUITE, BENCH_SRTP_SUITES, SrtpContext, benchSuiteOf, derive, masterLength, sessionKeys, type BenchSrtpSuite, type SessionKeys } from './srtp';

const hex = (text: string) => Buffer.from(text.replace(/\s+/g, ''), 'hex');
const base64 = (text: string) => hex(text).toString('base64');

/** RFC 7714 section 16's RTP packet and section 17's RTCP packet, and the session key and salt its vectors use (no key derivation). */
const RFC7714_RTP = hex('8040f17b 8041f8d3 5501a0b2 47616c6c 69612065 7374206f 6d6e6973 20646976 69736120 696e2070 61727465 73207472 6573');
const RFC7714_RTCP = hex('81c8000d 4d617273 4e545031 4e545032 52545020 0000042a 0000e930 4c756e61 deadbeef deadbeef deadbeef deadbeef deadbeef');
const RFC7714_SALT = hex('517569642070726f2071756f');
const rfc7714Keys = (key: string): SessionKeys => {
  const sessionKey = hex(key);
  return { rtpKey: sessionKey, rtpSalt: RFC7714_SALT, rtpAuth: Buffer.alloc(0), rtcpKey: sessionKey, rtcpSalt: RFC7714_SALT, rtcpAuth: Buffer.alloc(0) };
};

/** libsrtp's reference packets (test/srtp_driver.c, srtp_validate and srtp_validate_gcm): SSRC 0xcafebabe, sequence 0x1234, from a master key. */
const LIBSRTP_RTP = hex('800f1234decafbadcafebabe abababababababababababababababab');
const LIBSRTP_RTCP = hex('81c8000bcafebabe abababababababababababababababab');

describe('SRTP of the capacity benchmark', () => {
  it('derives the session keys of RFC 3711 appendix B.3', () => {
    const master = base64('E1F97A0D3E018BE0D64FA32C06DE4139' + '0EC675AD498AFEEBB6960B3AABE6');
    const keys = sessionKeys('AES_CM_128_HMAC_SHA1_80', master);
    expect(keys.rtpKey.toString('hex').toUpperCase()).toBe('C61E7A93744F39EE10734AFE3FF7A087');
    expect(keys.rtpSalt.toString('hex').toUpperCase()).toBe('30CBBC08863D8C85D49DB34A9AE1');
    expect(keys.rtpAuth.toString('hex').toUpperCase()).toBe('CEBE321F6FF7716B6FD4AB49AF256A156D38BAA4');
  });

  it('derives with a 256-bit master key as RFC 6188 (AES_256_CM_PRF) does', () => {
    const masterKey = hex('F0F04914B513F2763A1B1FA130F10E2998F6F6E43E4309D1E622A0E332B9F1B6');
    const masterSalt = hex('3B04803DE51EE7C96423AB5B78D2');
    expect(derive(masterKey, masterSalt, 0, 32).toString('hex').toUpperCase()).toBe('5BA1064E30EC51613CAD926C5A28EF731EC7FB397F70A960653CAF06554CD8C4');
    expect(derive(masterKey, masterSalt, 2, 14).toString('hex').toUpperCase()).toBe('FA31791685CA444A9E07C6C64E93');
  });

  it.each([
    ['AEAD_AES_128_GCM', '000102030405060708090a0b0c0d0e0f', 'f24de3a3 fb34de6c acba861c 9d7e4bca be633bd5 0d294e6f 42a5f47a 51c7d19b 36de3adf 8833 899d7f27 beb16a91 52cf765e e4390cce'],
    ['AEAD_AES_256_GCM', '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f', '32b1de78 a822fe12 ef9f78fa 332e33aa b1801238 9a58e2f3 b50b2a02 76ffae0f 1ba63799 b87b7aa3 db36dfff d6b0f9bb 7878d7a7 6c13'],
  ] as const)('%s protects and unprotects RFC 7714 section 16\'s RTP packet', (suite, key, body) => {
    const expected = Buffer.concat([RFC7714_RTP.subarray(0, 12), hex(body)]);
    expect(new SrtpContext(suite, rfc7714Keys(key)).protectRtp(RFC7714_RTP).toString('hex')).toBe(expected.toString('hex'));
    expect(new SrtpContext(suite, rfc7714Keys(key)).unprotectRtp(expected)).toEqual(RFC7714_RTP);
  });

  it.each([
    ['AEAD_AES_128_GCM', '000102030405060708090a0b0c0d0e0f', '63e94885 dcdab67c a727d766 2f6b7e99 7ff5c0f7 6c06f32d c676a5f1 730d6fda 4ce09b46 86303ded 0bb9275b c84aa458 96cf4d2f c5abf872 45d9eade 800005d4'],
    ['AEAD_AES_256_GCM', '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f', 'd50ae4d1 f5ce5d30 4ba297e4 7d470c28 2c3ece5d bffe0a50 a2eaa5c1 110555be 8415f658 c61de047 6f1b6fad 1d1eb30c 4446839f 57ff6f6c b26ac3be 800005d4'],
  ] as const)('%s protects RFC 7714 section 17\'s RTCP packet (SRTCP index 0x5d4)', (suite, key, body) => {
    const expected = Buffer.concat([RFC7714_RTCP.subarray(0, 8), hex(body)]);
    expect(new SrtpContext(suite, rfc7714Keys(key)).protectRtcp(RFC7714_RTCP, 0x5d4).toString('hex')).toBe(expected.toString('hex'));
  });

  it.each([
    [
      'AES_CM_128_HMAC_SHA1_80',
      'e1f97a0d3e018be0d64fa32c06de4139 0ec675ad498afeebb6960b3aabe6',
      '4e55dc4ce79978d88ca4d215949d2402 b78d6acc99ea179b8dbb',
      '7128035be487b9bdbef89041f977a5a8 80000001 993e08cd54d6c1230798',
    ],
    [
      'AEAD_AES_128_GCM',
      '000102030405060708090a0b0c0d0e0f a0a1a2a3a4a5a6a7a8a9aaab',
      'c5002ede04cfdd2eb91159e0880aa06e d2976826f796b201df3131a127e8a392',
      'c98b8b5df0392a55852b6c21ac8e7025 c52c6fbea2b3b446ea31123ba88ce61e 80000001',
    ],
  ] as const)('%s from a master key gives libsrtp\'s reference packets (key derivation, 12-byte GCM salt, first SRTCP index)', (suite, master, rtpBody, rtcpBody) => {
    const context = new SrtpContext(suite, base64(master));
    expect(context.protectRtp(LIBSRTP_RTP).toString('hex')).toBe(Buffer.concat([LIBSRTP_RTP.subarray(0, 12), hex(rtpBody)]).toString('hex'));
    expect(context.protectRtcp(LIBSRTP_RTCP).toString('hex')).toBe(Buffer.concat([LIBSRTP_RTCP.subarray(0, 8), hex(rtcpBody)]).toString('hex'));
  });

  it.each(BENCH_SRTP_SUITES)('%s: what one side protects the other unprotects, and a changed byte fails', (suite) => {
    const key = randomBytes(masterLength(suite)).toString('base64');
    const sender = new SrtpContext(suite, key);
    const receiver = new SrtpContext(suite, key);
    const payload = Buffer.from('opus frame with a send time');
    const clear = rtpPacket({ payloadType: 100, sequenceNumber: 65534, timestamp: 1, ssrc: 1234, payload, extensions: [{ id: 1, data: Buffer.from([0x8a]) }] });
    for (const sequenceNumber of [65534, 65535, 0, 1]) {
      const packet = Buffer.from(clear);
      packet.writeUInt16BE(sequenceNumber, 2);
      const protectedPacket = sender.protectRtp(packet);
      expect(protectedPacket.subarray(protectedPacket.length - 20).includes(payload)).toBe(false);
      expect(receiver.unprotectRtp(protectedPacket)).toEqual(packet);
      const tampered = Buffer.from(protectedPacket);
      tampered[tampered.length - 12] = (tampered[tampered.length - 12] ?? 0) ^ 1;
      expect(new SrtpContext(suite, key).unprotectRtp(tampered)).toBeUndefined();
    }
  });

  it('names the suite of what Chromium reports, and nothing for a profile the bench cannot pay', () => {
    const cases: Array<[string, BenchSrtpSuite | undefined]> = [
      ['SRTP_AEAD_AES_256_GCM', 'AEAD_AES_256_GCM'],
      ['AEAD_AES_256_GCM', 'AEAD_AES_256_GCM'],
      ['SRTP_AEAD_AES_128_GCM', 'AEAD_AES_128_GCM'],
      ['SRTP_AES128_CM_SHA1_80', 'AES_CM_128_HMAC_SHA1_80'],
      ['AES_CM_128_HMAC_SHA1_80', 'AES_CM_128_HMAC_SHA1_80'],
      ['SRTP_AES128_CM_SHA1_32', undefined],
      ['', undefined],
    ];
    for (const [reported, suite] of cases) expect(benchSuiteOf(reported)).toBe(suite);
    expect(BENCH_SRTP_SUITES).toContain(BENCH_DEFAULT_SUITE);
  });
});
