/**
 * What a synthetic participant sends: Opus audio (50 packets/s while speaking, a DTX packet every
 * 400 ms when muted) and a camera as three VP8 simulcast layers at the room page's bitrates
 * (CAMERA_SIMULCAST_LAYERS: 150 kbit/s, 500 kbit/s, 1.5 Mbit/s at 30 frames/s), each with three
 * temporal layers as the room page encodes them (`scalabilityMode: 'L1T3'`), or a screen share (one
 * VP8 stream, 1 Mbit/s at 15 frames/s, no temporal layers: the room page encodes it without a
 * scalability mode). VP8 packets carry valid payload descriptors (picture ID, TL0PICIDX, temporal
 * layer, layer sync, start-of-partition) and a key frame every second per stream; every packet ends
 * with its send time (8 bytes), read back from the decrypted sample for latency.
 */
import { CAMERA_SIMULCAST_LAYERS } from '@padmeet/contract';
import { rtpPacket, senderReport } from '../../../libs/sfu-core/src/testing/rtp';

export const OPUS_PT = 100;
export const VP8_PT = 101;
export const AUDIO_LEVEL_EXT = 1;
/** Largest RTP payload a browser sends (about 1,200 bytes on the wire). */
const MAX_PAYLOAD = 1100;

export interface StreamSpec {
  kind: 'audio' | 'video';
  ssrc: number;
  /** Frames (video) or packets (audio) per second. */
  rate: number;
  /** Bytes per frame (video) or per packet (audio). */
  frameBytes: number;
  width?: number;
  height?: number;
  /** Temporal layers of a video stream: 3 for a camera layer (L1T3), 1 for the screen. */
  temporalLayers?: 1 | 3;
}

/**
 * L1T3's temporal layers by frame, restarted on every key frame (a key frame is always TID 0):
 * TID 0, 2, 1, 2, 0, 2, 1, 2, ... (TID 0 a quarter of the frames, TID 1 a quarter, TID 2 half), as
 * libwebrtc's VP8 encoder with three temporal layers. At 30 frames/s: TID 0 alone is 7.5 frames/s,
 * TID ≤ 1 15, all 30. Every frame is the same size here (libwebrtc gives TID 0 frames more bytes: 40 %
 * of the layer's bitrate in a quarter of its frames), so TID ≤ 1 carries half of a layer's bytes.
 */
const L1T3_PATTERN = [0, 2, 1, 2] as const;

export interface TemporalFrame {
  /** Temporal layer (TID). */
  tid: 0 | 1 | 2;
  /**
   * Layer sync (Y): the frame depends only on TID 0 frames, so a receiver may switch up to its layer
   * here. Set on TID 0 frames too. References in this pattern: a TID 0 frame the previous TID 0 frame
   * (a key frame none), a TID 1 frame the last TID 0 frame, a TID 2 frame the frame just before it
   * (TID 0 or TID 1). So TID 1 frames and the TID 2 frames after a TID 0 frame are sync points, the
   * TID 2 frames after a TID 1 frame are not (mediasoup switches a consumer up to a temporal layer only
   * on a sync frame of it).
   */
  layerSync: boolean;
  /** Non-reference (N): no later frame refers to it (every TID 2 frame). */
  nonReference: boolean;
}

/** The temporal layer of the frame `sinceKey` frames after the last key frame (0: the key frame) of a stream of `layers` temporal layers. */
export function temporalFrame(sinceKey: number, layers: 1 | 3): TemporalFrame {
  if (layers === 1) return { tid: 0, layerSync: true, nonReference: false };
  const position = sinceKey % L1T3_PATTERN.length;
  const tid = L1T3_PATTERN[position] ?? 0;
  const previous = position === 0 ? 0 : (L1T3_PATTERN[position - 1] ?? 0);
  return { tid, layerSync: tid !== 2 || previous === 0, nonReference: tid === 2 };
}

/**
 * The VP8 payload descriptor (RFC 7741 §4.2) as a browser writes it: extended, a 15-bit picture ID,
 * TL0PICIDX and the T/K byte (TID in bits 7-6, Y in bit 5, no key index).
 */
export function vp8Descriptor(fields: { start: boolean; pictureId: number; tl0PicIdx: number } & TemporalFrame): Buffer {
  return Buffer.from([
    0x80 | (fields.nonReference ? 0x20 : 0) | (fields.start ? 0x10 : 0), // X=1, N, S (start of partition 0), PID=0
    0xe0, // I, L, T present
    0x80 | ((fields.pictureId >> 8) & 0x7f),
    fields.pictureId & 0xff,
    fields.tl0PicIdx & 0xff,
    (fields.tid << 6) | (fields.layerSync ? 0x20 : 0),
  ]);
}

/** A camera's three layers (lowest first), at the bitrates the room page encodes. */
export function cameraStreams(baseSsrc: number): StreamSpec[] {
  const sizes = [
    [320, 180],
    [640, 360],
    [1280, 720],
  ] as const;
  return CAMERA_SIMULCAST_LAYERS.map((layer, index) => ({
    kind: 'video',
    ssrc: baseSsrc + index,
    rate: 30,
    frameBytes: Math.round(layer.maxBitrate / 8 / 30),
    width: sizes[index]?.[0],
    height: sizes[index]?.[1],
    temporalLayers: 3,
  }));
}

export function screenStream(ssrc: number): StreamSpec {
  return { kind: 'video', ssrc, rate: 15, frameBytes: Math.round(1_000_000 / 8 / 15), width: 1920, height: 1080, temporalLayers: 1 };
}

/** Opus at ~32 kbit/s while speaking (80-byte frames every 20 ms). */
export function micStream(ssrc: number): StreamSpec {
  return { kind: 'audio', ssrc, rate: 50, frameBytes: 80 };
}

/** A stream's state as it sends: what it has sent, for the "offered" side of the count. */
export class StreamSender {
  seq = Math.floor(Math.random() * 30000);
  timestamp = Math.floor(Math.random() * 2 ** 31);
  pictureId = 1;
  tl0 = 0;
  packets = 0;
  /** Packets sent by temporal layer (audio and a screen: all TID 0). */
  readonly packetsByTid = [0, 0, 0];
  octets = 0;
  frames = 0;
  /** The next frame is due at (ms, performance.now()). */
  nextAt: number;

  constructor(
    readonly spec: StreamSpec,
    startAt: number,
    /** Audio: speaking (50/s with a voice level) or muted (DTX, one packet every 400 ms). */
    public speaking = true,
  ) {
    this.nextAt = startAt;
  }

  /** Packets sent of temporal layers up to `tid` (what a consumer forwarding up to that layer is offered). */
  packetsUpTo(tid: number): number {
    let sum = 0;
    for (let layer = 0; layer <= Math.min(tid, this.packetsByTid.length - 1); layer += 1) sum += this.packetsByTid[layer] ?? 0;
    return sum;
  }

  get interval(): number {
    if (this.spec.kind === 'audio' && !this.speaking) return 400;
    return 1000 / this.spec.rate;
  }

  /** The RTP packets of the next frame (not yet encrypted), stamped with `now`. */
  frame(now: number): Buffer[] {
    const stamp = Buffer.alloc(8);
    stamp.writeDoubleBE(now);
    this.frames += 1;
    if (this.spec.kind === 'audio') {
      this.timestamp += this.speaking ? 960 : 960 * 20;
      const level = this.speaking ? 0x80 | (Date.now() % 300 < 200 ? 10 : 40) : 127;
      const payload = Buffer.concat([Buffer.alloc(this.speaking ? this.spec.frameBytes - 8 : 3, 0x33), stamp]);
      return [this.#packet(payload, true, [{ id: AUDIO_LEVEL_EXT, data: Buffer.from([level]) }])];
    }
    this.timestamp += Math.round(90000 / this.spec.rate);
    const sinceKey = (this.frames - 1) % this.spec.rate;
    const key = sinceKey === 0;
    const temporal = temporalFrame(sinceKey, this.spec.temporalLayers ?? 1);
    if (temporal.tid === 0) this.tl0 = (this.tl0 + 1) & 0xff;
    const count = Math.max(1, Math.ceil(this.spec.frameBytes / MAX_PAYLOAD));
    const per = Math.ceil(this.spec.frameBytes / count);
    const packets: Buffer[] = [];
    for (let index = 0; index < count; index += 1) {
      const first = index === 0;
      const descriptor = vp8Descriptor({ start: first, pictureId: this.pictureId, tl0PicIdx: this.tl0, ...temporal });
      const body = Buffer.alloc(Math.max(per - descriptor.length - 8, first ? 10 : 1), 0x55);
      if (first) {
        // VP8 payload header: bit 0 of the first byte is 0 on a key frame; a key frame then has the start code and size.
        body[0] = key ? 0x10 : 0x11;
        body[1] = 0x02;
        body[2] = 0x00;
        if (key) {
          body.writeUIntBE(0x9d012a, 3, 3);
          body.writeUInt16LE((this.spec.width ?? 640) & 0x3fff, 6);
          body.writeUInt16LE((this.spec.height ?? 360) & 0x3fff, 8);
        }
      }
      packets.push(this.#packet(Buffer.concat([descriptor, body, stamp]), index === count - 1, undefined, temporal.tid));
    }
    this.pictureId = (this.pictureId + 1) & 0x7fff;
    return packets;
  }

  #packet(payload: Buffer, marker: boolean, extensions?: Array<{ id: number; data: Buffer }>, tid = 0): Buffer {
    this.seq = (this.seq + 1) & 0xffff;
    this.packets += 1;
    this.packetsByTid[tid] = (this.packetsByTid[tid] ?? 0) + 1;
    this.octets += payload.length;
    const pt = this.spec.kind === 'audio' ? OPUS_PT : VP8_PT;
    return rtpPacket({ payloadType: pt, sequenceNumber: this.seq, timestamp: this.timestamp, ssrc: this.spec.ssrc, marker, payload, extensions });
  }

  senderReport(): Buffer {
    return senderReport(this.spec.ssrc, this.timestamp, this.packets, this.octets);
  }
}

/** mediasoup RTP parameters of a producer sending these streams. */
export function producerRtpParameters(kind: 'audio' | 'video', streams: StreamSpec[], cname: string) {
  if (kind === 'audio') {
    return {
      codecs: [{ mimeType: 'audio/opus', payloadType: OPUS_PT, clockRate: 48000, channels: 2, parameters: { useinbandfec: 1, usedtx: 1 } }],
      encodings: streams.map((stream) => ({ ssrc: stream.ssrc })),
      headerExtensions: [{ uri: 'urn:ietf:params:rtp-hdrext:ssrc-audio-level', id: AUDIO_LEVEL_EXT }],
      rtcp: { cname },
    };
  }
  return {
    codecs: [
      {
        mimeType: 'video/VP8',
        payloadType: VP8_PT,
        clockRate: 90000,
        rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }, { type: 'ccm', parameter: 'fir' }],
      },
    ],
    // The camera's layers declare L1T3 as the room page's do, so mediasoup knows each has three temporal layers.
    encodings: streams.map((stream) => ({ ssrc: stream.ssrc, ...(stream.temporalLayers === 3 ? { scalabilityMode: 'L1T3' } : {}) })),
    headerExtensions: [],
    rtcp: { cname },
  };
}

/** Receive capabilities without bandwidth estimation (a plain receiver sends no feedback), as the SFU's media tests do. */
export function plainReceiveCapabilities(capabilities: Record<string, unknown>) {
  const codecs = (capabilities['codecs'] as Array<{ rtcpFeedback?: Array<{ type: string }> }>).map((codec) => ({
    ...codec,
    rtcpFeedback: (codec.rtcpFeedback ?? []).filter((feedback) => feedback.type !== 'transport-cc' && feedback.type !== 'goog-remb'),
  }));
  const headerExtensions = ((capabilities['headerExtensions'] ?? []) as Array<{ uri: string }>).filter(
    (extension) => !/transport-wide-cc|abs-send-time/.test(extension.uri),
  );
  return { ...capabilities, codecs, headerExtensions };
}
