import { createSocket, type Socket } from 'node:dgram';

/**
 * Minimal RTP/RTCP writers for integration tests: media fed into a mediasoup PlainTransport
 * from Node, so simulcast layers and audio levels are real RTP to the worker.
 */
export interface RtpPacketFields {
  payloadType: number;
  sequenceNumber: number;
  timestamp: number;
  ssrc: number;
  marker?: boolean;
  payload: Buffer;
  /** One-byte header extensions (RFC 8285): id 1-14, 1-16 bytes each. */
  extensions?: Array<{ id: number; data: Buffer }>;
}

export function rtpPacket(fields: RtpPacketFields): Buffer {
  const header = Buffer.alloc(12);
  const extensions = fields.extensions ?? [];
  header[0] = 0x80 | (extensions.length > 0 ? 0x10 : 0);
  header[1] = (fields.marker ? 0x80 : 0) | fields.payloadType;
  header.writeUInt16BE(fields.sequenceNumber & 0xffff, 2);
  header.writeUInt32BE(fields.timestamp >>> 0, 4);
  header.writeUInt32BE(fields.ssrc >>> 0, 8);
  if (extensions.length === 0) return Buffer.concat([header, fields.payload]);
  const elements = Buffer.concat(extensions.map(({ id, data }) => Buffer.concat([Buffer.from([(id << 4) | (data.length - 1)]), data])));
  const padded = Buffer.concat([elements, Buffer.alloc((4 - (elements.length % 4)) % 4)]);
  const extensionHeader = Buffer.alloc(4);
  extensionHeader.writeUInt16BE(0xbede, 0);
  extensionHeader.writeUInt16BE(padded.length / 4, 2);
  return Buffer.concat([header, extensionHeader, padded, fields.payload]);
}

/** An RTCP Sender Report (no report blocks): the SFU needs one per simulcast stream to switch layers. */
export function senderReport(ssrc: number, rtpTimestamp: number, packetCount: number, octetCount: number, now = Date.now()): Buffer {
  const report = Buffer.alloc(28);
  report[0] = 0x80;
  report[1] = 200;
  report.writeUInt16BE(6, 2);
  report.writeUInt32BE(ssrc >>> 0, 4);
  const ntpSeconds = Math.floor(now / 1000) + 2_208_988_800;
  const ntpFraction = Math.floor(((now % 1000) / 1000) * 2 ** 32);
  report.writeUInt32BE(ntpSeconds >>> 0, 8);
  report.writeUInt32BE(ntpFraction >>> 0, 12);
  report.writeUInt32BE(rtpTimestamp >>> 0, 16);
  report.writeUInt32BE(packetCount >>> 0, 20);
  report.writeUInt32BE(octetCount >>> 0, 24);
  return report;
}

/**
 * A one-packet VP8 key frame: payload descriptor with a 15-bit picture ID, TL0PICIDX and
 * temporal layer 0, then a key-frame header (start code, width, height) and a few bytes of data.
 */
export function vp8KeyFrame(pictureId: number, tl0PicIdx: number, width: number, height: number): Buffer {
  const descriptor = Buffer.from([
    0x90, // X=1, S=1 (start of partition 0)
    0xe0, // I=1, L=1, T=1
    0x80 | ((pictureId >> 8) & 0x7f),
    pictureId & 0xff,
    tl0PicIdx & 0xff,
    0x20, // TID=0, Y=1
  ]);
  const frame = Buffer.alloc(20, 0x55);
  frame[0] = 0x10; // key frame (P=0), show_frame=1
  frame[1] = 0x02;
  frame[2] = 0x00;
  frame[3] = 0x9d;
  frame[4] = 0x01;
  frame[5] = 0x2a;
  frame.writeUInt16LE(width & 0x3fff, 6);
  frame.writeUInt16LE(height & 0x3fff, 8);
  return Buffer.concat([descriptor, frame]);
}

export interface Feeder {
  readonly socket: Socket;
  /** RTP packets sent so far. */
  sent(): number;
  stop(): void;
}

/** Sends 3-layer VP8 simulcast (one key frame per layer every 33 ms, a Sender Report per layer every 250 ms). */
export function feedSimulcast(options: { port: number; payloadType: number; ssrcs: readonly number[] }): Feeder {
  const socket = createSocket('udp4');
  const sizes = [
    [320, 180],
    [640, 360],
    [1280, 720],
  ] as const;
  const state = options.ssrcs.map(() => ({ sequenceNumber: 1000, pictureId: 1, packets: 0, octets: 0 }));
  let timestamp = 90_000;
  let tick = 0;
  let sent = 0;
  const send = (buffer: Buffer) => socket.send(buffer, options.port, '127.0.0.1');
  const timer = setInterval(() => {
    timestamp += 3000;
    for (const [index, ssrc] of options.ssrcs.entries()) {
      const stream = state[index] as (typeof state)[number];
      const [width, height] = sizes[index] ?? [1280, 720];
      const payload = vp8KeyFrame(stream.pictureId, stream.pictureId & 0xff, width, height);
      const packet = rtpPacket({ payloadType: options.payloadType, sequenceNumber: stream.sequenceNumber, timestamp, ssrc, marker: true, payload });
      stream.sequenceNumber += 1;
      stream.pictureId = (stream.pictureId + 1) & 0x7fff;
      stream.packets += 1;
      stream.octets += payload.length;
      sent += 1;
      send(packet);
      if (tick % 8 === 0) send(senderReport(ssrc, timestamp, stream.packets, stream.octets));
    }
    tick += 1;
  }, 33);
  return {
    socket,
    sent: () => sent,
    stop() {
      clearInterval(timer);
      socket.close();
    },
  };
}

/** Opus-shaped RTP every 20 ms carrying the ssrc-audio-level extension; `level()` is -dBov (0 loudest, 127 silent). */
export function feedAudio(options: { port: number; payloadType: number; ssrc: number; extensionId: number; level: () => number }): Feeder {
  const socket = createSocket('udp4');
  let sequenceNumber = 1;
  let timestamp = 48_000;
  let sent = 0;
  const timer = setInterval(() => {
    const level = options.level();
    const voice = level < 127 ? 0x80 : 0;
    const packet = rtpPacket({
      payloadType: options.payloadType,
      sequenceNumber,
      timestamp,
      ssrc: options.ssrc,
      payload: Buffer.alloc(40, 0x33),
      extensions: [{ id: options.extensionId, data: Buffer.from([voice | level]) }],
    });
    socket.send(packet, options.port, '127.0.0.1');
    sequenceNumber += 1;
    sent += 1;
    timestamp += 960;
  }, 20);
  return {
    socket,
    sent: () => sent,
    stop() {
      clearInterval(timer);
      socket.close();
    },
  };
}

/**
 * Speech as the observer sees it: loud, with a quieter packet now and then (a constant level
 * becomes the noise floor).
 * The values are ssrc-audio-level's -dBov (0 is loudest, 127 silence).
 *
 * The pattern counts packets, not wall time. The observer judges the newest level at each of its
 * ticks (300 ms, 15 packets); with one quiet packet in 7 the ticks walk through the pattern, so at
 * most one tick in 7 lands on a quiet packet. A pattern in wall time with the observer's own
 * 300 ms period (as the active-speaker test once had) can lock onto its ticks: every tick then saw the quiet
 * moment, a silent microphone stayed the speaker, and the test failed on about half of the runs on
 * a loaded machine, where the worker's timer phase drifts.
 */
export function speechLevels(): () => number {
  let packet = 0;
  return () => (packet++ % 7 === 6 ? 100 : 10);
}
