/**
 * SRTP in Node (RFC 3711 AES_CM_128_HMAC_SHA1_80, RFC 7714 AEAD_AES_128_GCM and AEAD_AES_256_GCM)
 * for the capacity benchmark's synthetic participants: they encrypt every packet they send, as a browser does, so
 * the SFU pays its SRTP decryption and encryption for real. Received packets are counted from
 * their RTP header (clear text in SRTP); a sample of them is authenticated and decrypted here
 * (that proves the SFU's SRTP and carries the send time for latency).
 */
import { createCipheriv, createDecipheriv, createHmac, timingSafeEqual } from 'node:crypto';

export type BenchSrtpSuite = 'AES_CM_128_HMAC_SHA1_80' | 'AEAD_AES_128_GCM' | 'AEAD_AES_256_GCM';
export const BENCH_SRTP_SUITES: readonly BenchSrtpSuite[] = ['AES_CM_128_HMAC_SHA1_80', 'AEAD_AES_128_GCM', 'AEAD_AES_256_GCM'];

/**
 * The suite the synthetic participants pay unless told otherwise: what real Chromium (156)
 * negotiates with our SFU through DTLS-SRTP. Chromium is the DTLS client, offers the GCM profiles
 * first, and mediasoup (the server) picks its first choice, AEAD_AES_256_GCM. Every benchmark run
 * reads it again from its Chromium pages and says in its header whether the two still agree.
 */
export const BENCH_DEFAULT_SUITE: BenchSrtpSuite = 'AEAD_AES_256_GCM';

/**
 * The bench suite of a browser's `srtpCipher` (getStats): Chromium names the DTLS-SRTP profile as
 * BoringSSL does (SRTP_AEAD_AES_256_GCM, SRTP_AES128_CM_SHA1_80), the spec as IANA does
 * (AEAD_AES_256_GCM, AES_CM_128_HMAC_SHA1_80). Undefined for a profile the bench cannot pay.
 */
export function benchSuiteOf(srtpCipher: string): BenchSrtpSuite | undefined {
  const name = srtpCipher.trim().toUpperCase().replace(/^SRTP_/, '');
  if (name === 'AES128_CM_SHA1_80' || name === 'AES_CM_128_HMAC_SHA1_80') return 'AES_CM_128_HMAC_SHA1_80';
  return BENCH_SRTP_SUITES.find((suite) => suite === name);
}

/** What a real browser's transport negotiated with the SFU through DTLS-SRTP (its getStats `transport` report). */
export interface NegotiatedCipher {
  direction: 'send' | 'recv';
  /** The DTLS-SRTP protection profile's name, e.g. AEAD_AES_256_GCM ('' when the browser does not say). */
  srtpCipher: string;
  dtlsCipher: string;
  tlsVersion: string;
  dtlsState: string;
  dtlsRole: string;
}

const KEY_LENGTH: Record<BenchSrtpSuite, number> = { AES_CM_128_HMAC_SHA1_80: 16, AEAD_AES_128_GCM: 16, AEAD_AES_256_GCM: 32 };
const SALT_LENGTH: Record<BenchSrtpSuite, number> = { AES_CM_128_HMAC_SHA1_80: 14, AEAD_AES_128_GCM: 12, AEAD_AES_256_GCM: 12 };

/** Bytes of master key and salt a suite's keyBase64 holds. */
export function masterLength(suite: BenchSrtpSuite): number {
  return KEY_LENGTH[suite] + SALT_LENGTH[suite];
}

/** AES-CM key derivation (RFC 3711 4.3.1, key derivation rate 0; RFC 6188 with a 256-bit key); RFC 7714 uses it with the 96-bit salt zero-padded. */
export function derive(masterKey: Buffer, masterSalt: Buffer, label: number, length: number): Buffer {
  const iv = Buffer.alloc(16);
  masterSalt.copy(iv, 0, 0, Math.min(14, masterSalt.length));
  iv[7] = (iv[7] ?? 0) ^ label;
  const cipher = createCipheriv(`aes-${masterKey.length * 8}-ctr`, masterKey, iv);
  return cipher.update(Buffer.alloc(length));
}

export interface SessionKeys {
  rtpKey: Buffer;
  rtpSalt: Buffer;
  rtpAuth: Buffer;
  rtcpKey: Buffer;
  rtcpSalt: Buffer;
  rtcpAuth: Buffer;
}

export function sessionKeys(suite: BenchSrtpSuite, keyBase64: string): SessionKeys {
  const master = Buffer.from(keyBase64, 'base64');
  const saltLength = SALT_LENGTH[suite];
  const keyLength = KEY_LENGTH[suite];
  if (master.length !== keyLength + saltLength) throw new Error(`${suite} needs ${keyLength + saltLength} bytes of key and salt, got ${master.length}`);
  const key = master.subarray(0, keyLength);
  const salt = master.subarray(keyLength);
  const authLength = suite === 'AES_CM_128_HMAC_SHA1_80' ? 20 : 0;
  return {
    rtpKey: derive(key, salt, 0, keyLength),
    rtpAuth: derive(key, salt, 1, authLength),
    rtpSalt: derive(key, salt, 2, saltLength),
    rtcpKey: derive(key, salt, 3, keyLength),
    rtcpAuth: derive(key, salt, 4, authLength),
    rtcpSalt: derive(key, salt, 5, saltLength),
  };
}

/** Length of an RTP header with its CSRCs and extension. */
export function rtpHeaderLength(packet: Buffer): number {
  const csrcCount = (packet[0] ?? 0) & 0x0f;
  let length = 12 + csrcCount * 4;
  if ((packet[0] ?? 0) & 0x10) length += 4 + packet.readUInt16BE(length + 2) * 4;
  return length;
}

/** AES-CM IV (RFC 3711 4.1.1): salt XOR SSRC·2^64 XOR index·2^16. */
function cmIv(salt: Buffer, ssrc: number, index: number): Buffer {
  const iv = Buffer.alloc(16);
  salt.copy(iv, 0, 0, 14);
  iv.writeUInt32BE((iv.readUInt32BE(4) ^ ssrc) >>> 0, 4);
  const high = Math.floor(index / 2 ** 32);
  iv.writeUInt16BE((iv.readUInt16BE(8) ^ high) & 0xffff, 8);
  iv.writeUInt32BE((iv.readUInt32BE(10) ^ index % 2 ** 32) >>> 0, 10);
  return iv;
}

/** GCM IV (RFC 7714 8.1 / 9.1): 00 00 | SSRC | ROC | SEQ (or 00 00 | index), XOR salt. */
function gcmIv(salt: Buffer, ssrc: number, high: number, low16or32: number, rtcp: boolean): Buffer {
  const iv = Buffer.alloc(12);
  iv.writeUInt32BE(ssrc >>> 0, 2);
  if (rtcp) iv.writeUInt32BE(low16or32 >>> 0, 8);
  else {
    iv.writeUInt32BE(high >>> 0, 6);
    iv.writeUInt16BE(low16or32 & 0xffff, 10);
  }
  for (let i = 0; i < 12; i += 1) iv[i] = (iv[i] ?? 0) ^ (salt[i] ?? 0);
  return iv;
}

/** One direction of one SRTP session: the keys a sender encrypts with, or a receiver decrypts with. */
export class SrtpContext {
  readonly #keys: SessionKeys;
  readonly #rocs = new Map<number, { roc: number; lastSeq: number }>();
  #rtcpIndex = 0;
  /** The GCM cipher name, or undefined for AES-CM. */
  readonly #gcm: 'aes-128-gcm' | 'aes-256-gcm' | undefined;

  /** `keys`: the master key and salt in base64 (as signaled), or session keys already derived (the RFC test vectors give those). */
  constructor(
    readonly suite: BenchSrtpSuite,
    keys: string | SessionKeys,
  ) {
    this.#keys = typeof keys === 'string' ? sessionKeys(suite, keys) : keys;
    this.#gcm = suite === 'AEAD_AES_128_GCM' ? 'aes-128-gcm' : suite === 'AEAD_AES_256_GCM' ? 'aes-256-gcm' : undefined;
  }

  /** The rollover counter for a packet of `ssrc` with `seq` (RFC 3711 3.3.1's estimate; the sender's view when sending in order). */
  #roc(ssrc: number, seq: number): number {
    const state = this.#rocs.get(ssrc);
    if (!state) {
      this.#rocs.set(ssrc, { roc: 0, lastSeq: seq });
      return 0;
    }
    let roc = state.roc;
    if (state.lastSeq > 0xc000 && seq < 0x4000) roc += 1;
    else if (state.lastSeq < 0x4000 && seq > 0xc000) return Math.max(0, roc - 1);
    if (roc > state.roc || seq > state.lastSeq) {
      state.roc = roc;
      state.lastSeq = seq;
    }
    return roc;
  }

  /** Encrypts and authenticates one RTP packet (a new buffer). */
  protectRtp(packet: Buffer): Buffer {
    const headerLength = rtpHeaderLength(packet);
    const ssrc = packet.readUInt32BE(8);
    const seq = packet.readUInt16BE(2);
    const roc = this.#roc(ssrc, seq);
    const header = packet.subarray(0, headerLength);
    const payload = packet.subarray(headerLength);
    if (this.#gcm) {
      const cipher = createCipheriv(this.#gcm, this.#keys.rtpKey, gcmIv(this.#keys.rtpSalt, ssrc, roc, seq, false));
      cipher.setAAD(header);
      const body = cipher.update(payload);
      cipher.final();
      return Buffer.concat([header, body, cipher.getAuthTag()]);
    }
    const cipher = createCipheriv('aes-128-ctr', this.#keys.rtpKey, cmIv(this.#keys.rtpSalt, ssrc, roc * 65536 + seq));
    const out = Buffer.concat([header, cipher.update(payload), Buffer.alloc(10)]);
    const rocBytes = Buffer.alloc(4);
    rocBytes.writeUInt32BE(roc >>> 0);
    const tag = createHmac('sha1', this.#keys.rtpAuth).update(out.subarray(0, out.length - 10)).update(rocBytes).digest();
    tag.copy(out, out.length - 10, 0, 10);
    return out;
  }

  /** Authenticates and decrypts one SRTP packet; undefined when it does not authenticate. */
  unprotectRtp(packet: Buffer): Buffer | undefined {
    const headerLength = rtpHeaderLength(packet);
    const ssrc = packet.readUInt32BE(8);
    const seq = packet.readUInt16BE(2);
    const roc = this.#roc(ssrc, seq);
    const header = packet.subarray(0, headerLength);
    try {
      if (this.#gcm) {
        const decipher = createDecipheriv(this.#gcm, this.#keys.rtpKey, gcmIv(this.#keys.rtpSalt, ssrc, roc, seq, false));
        decipher.setAAD(header);
        decipher.setAuthTag(packet.subarray(packet.length - 16));
        const body = decipher.update(packet.subarray(headerLength, packet.length - 16));
        decipher.final();
        return Buffer.concat([header, body]);
      }
      const rocBytes = Buffer.alloc(4);
      rocBytes.writeUInt32BE(roc >>> 0);
      const tag = createHmac('sha1', this.#keys.rtpAuth).update(packet.subarray(0, packet.length - 10)).update(rocBytes).digest().subarray(0, 10);
      if (!timingSafeEqual(tag, packet.subarray(packet.length - 10))) return undefined;
      const decipher = createDecipheriv('aes-128-ctr', this.#keys.rtpKey, cmIv(this.#keys.rtpSalt, ssrc, roc * 65536 + seq));
      return Buffer.concat([header, decipher.update(packet.subarray(headerLength, packet.length - 10))]);
    } catch {
      return undefined;
    }
  }

  /** Encrypts and authenticates one compound RTCP packet (SRTCP, E flag set), with the next SRTCP index unless given one. */
  protectRtcp(packet: Buffer, index = (this.#rtcpIndex + 1) & 0x7fffffff): Buffer {
    this.#rtcpIndex = index;
    const ssrc = packet.readUInt32BE(4);
    const eIndex = Buffer.alloc(4);
    eIndex.writeUInt32BE((0x80000000 | index) >>> 0);
    const head = packet.subarray(0, 8);
    if (this.#gcm) {
      const cipher = createCipheriv(this.#gcm, this.#keys.rtcpKey, gcmIv(this.#keys.rtcpSalt, ssrc, 0, index, true));
      cipher.setAAD(Buffer.concat([head, eIndex]));
      const body = cipher.update(packet.subarray(8));
      cipher.final();
      return Buffer.concat([head, body, cipher.getAuthTag(), eIndex]);
    }
    const cipher = createCipheriv('aes-128-ctr', this.#keys.rtcpKey, cmIv(this.#keys.rtcpSalt, ssrc, index));
    const out = Buffer.concat([head, cipher.update(packet.subarray(8)), eIndex]);
    const tag = createHmac('sha1', this.#keys.rtcpAuth).update(out).digest().subarray(0, 10);
    return Buffer.concat([out, tag]);
  }
}
