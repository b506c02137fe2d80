import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { rtpPacket } from '../../../libs/sfu-core/src/testing/rtp';
import { BENCH_SRTP_SUITES, SrtpContext, masterLength, sessionKeys } from './srtp';

describe('SRTP of the capacity benchmark', () => {
  it('derives the session keys of RFC 3711 appendix B.3', () => {
    const master = Buffer.from('E1F97A0D3E018BE0D64FA32C06DE4139' + '0EC675AD498AFEEBB6960B3AABE6', 'hex').toString('base64');
    const keys = sessionKeys('AES_CM_128_HMAC_SHA1_80', master);
    expect(keys.rtpKey.toString('hex').toUpperCase()).toBe('C61E7A93744F39EE10734AFE3FF7A087');
    expect(keys.rtpSalt.toString('hex').toUpperCase()).toBe('30CBBC08863D8C85D49DB34A9AE1');
    expect(keys.rtpAuth.toString('hex').toUpperCase()).toBe('CEBE321F6FF7716B6FD4AB49AF256A156D38BAA4');
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
});
