import { describe, expect, it } from 'vitest';
import { StreamSender, cameraStreams, producerRtpParameters, screenStream, temporalFrame, vp8Descriptor } from './media';
import { ConsumerCount, type PublishedProducer } from './participant';

/** The VP8 payload descriptor of an RTP packet without header extensions, read as RFC 7741 §4.2 lays it out. */
function readDescriptor(packet: Buffer) {
  const payload = packet.subarray(12);
  const [first = 0, second = 0, pictureHigh = 0, pictureLow = 0, tl0PicIdx = 0, tk = 0] = payload;
  return {
    extended: (first & 0x80) !== 0,
    nonReference: (first & 0x20) !== 0,
    start: (first & 0x10) !== 0,
    partition: first & 0x07,
    present: second,
    twoBytePictureId: (pictureHigh & 0x80) !== 0,
    pictureId: ((pictureHigh & 0x7f) << 8) | pictureLow,
    tl0PicIdx,
    tid: tk >> 6,
    layerSync: (tk & 0x20) !== 0,
    keyIndex: tk & 0x1f,
    /** VP8 payload header after the 6-byte descriptor: bit 0 clear on a key frame. */
    keyFrame: ((payload[6] ?? 1) & 0x01) === 0,
    startCode: payload.readUIntBE(9, 3),
  };
}

/** Every frame of `sender` for `frames` frames, each as the descriptors of its packets. */
function sendFrames(sender: StreamSender, frames: number) {
  return Array.from({ length: frames }, (_, index) => sender.frame(index * sender.interval).map(readDescriptor));
}

describe('L1T3 temporal pattern', () => {
  it('repeats TID 0, 2, 1, 2 from each key frame, with layer sync where a frame depends only on TID 0', () => {
    const frames = Array.from({ length: 8 }, (_, index) => temporalFrame(index, 3));
    expect(frames.map((frame) => frame.tid)).toEqual([0, 2, 1, 2, 0, 2, 1, 2]);
    // TID 2 right after TID 0 refers only to it; TID 2 right after TID 1 refers to that TID 1 frame.
    expect(frames.map((frame) => frame.layerSync)).toEqual([true, true, true, false, true, true, true, false]);
    expect(frames.map((frame) => frame.nonReference)).toEqual([false, true, false, true, false, true, false, true]);
  });

  it('gives TID 0 a quarter of the frames, TID 1 a quarter and TID 2 half, over a second between key frames at 30 frames/s', () => {
    const tids = Array.from({ length: 30 }, (_, index) => temporalFrame(index, 3).tid);
    expect(tids.filter((tid) => tid === 0)).toHaveLength(8);
    expect(tids.filter((tid) => tid === 1)).toHaveLength(7);
    expect(tids.filter((tid) => tid === 2)).toHaveLength(15);
    // The frame before the next key frame (TID 0) is TID 2 after a TID 0 frame: no TID 1 frame is cut off.
    expect(tids.slice(-2)).toEqual([0, 2]);
  });

  it('has one layer, TID 0, without temporal layers', () => {
    for (let index = 0; index < 8; index += 1) expect(temporalFrame(index, 1)).toEqual({ tid: 0, layerSync: true, nonReference: false });
  });

  it('writes the descriptor bytes: X, N, S; I, L, T; a 15-bit picture ID; TL0PICIDX; TID in bits 7-6 and Y in bit 5', () => {
    expect([...vp8Descriptor({ start: true, pictureId: 0x1234, tl0PicIdx: 7, tid: 0, layerSync: true, nonReference: false })]).toEqual([
      0x90, 0xe0, 0x92, 0x34, 0x07, 0x20,
    ]);
    expect([...vp8Descriptor({ start: false, pictureId: 0x7fff, tl0PicIdx: 255, tid: 2, layerSync: false, nonReference: true })]).toEqual([
      0xa0, 0xe0, 0xff, 0xff, 0xff, 0x80,
    ]);
    expect([...vp8Descriptor({ start: true, pictureId: 5, tl0PicIdx: 0, tid: 1, layerSync: true, nonReference: false })]).toEqual([
      0x90, 0xe0, 0x80, 0x05, 0x00, 0x60,
    ]);
    expect(vp8Descriptor({ start: true, pictureId: 5, tl0PicIdx: 0, tid: 2, layerSync: true, nonReference: true })[5]).toBe(0xa0);
  });
});

describe('a camera layer as sent', () => {
  const [low, , high] = cameraStreams(1000);

  it('sends the L1T3 pattern in its packets, key frames at TID 0 each second, TL0PICIDX counting TID 0 frames', () => {
    const sender = new StreamSender(high!, 0);
    const frames = sendFrames(sender, 61);
    // 1.5 Mbit/s at 30 frames/s: 6,250 bytes, six packets per frame; all of a frame alike but S.
    for (const packets of frames) {
      expect(packets).toHaveLength(6);
      expect(packets.map((packet) => packet.start)).toEqual([true, false, false, false, false, false]);
      for (const packet of packets) {
        expect(packet).toMatchObject({ extended: true, partition: 0, present: 0xe0, twoBytePictureId: true, keyIndex: 0 });
        expect(packet).toMatchObject({ tid: packets[0]?.tid, layerSync: packets[0]?.layerSync, pictureId: packets[0]?.pictureId, tl0PicIdx: packets[0]?.tl0PicIdx });
      }
    }
    const heads = frames.map((packets) => packets[0]!);
    expect(heads.slice(0, 8).map((head) => head.tid)).toEqual([0, 2, 1, 2, 0, 2, 1, 2]);
    expect(heads.slice(0, 8).map((head) => head.layerSync)).toEqual([true, true, true, false, true, true, true, false]);
    expect(heads.slice(0, 8).map((head) => head.nonReference)).toEqual([false, true, false, true, false, true, false, true]);
    // Key frames at frames 0, 30 and 60, each TID 0 with the VP8 start code; no other frame is one.
    expect(heads.flatMap((head, index) => (head.keyFrame ? [index] : []))).toEqual([0, 30, 60]);
    for (const index of [0, 30, 60]) expect(heads[index]).toMatchObject({ tid: 0, startCode: 0x9d012a });
    expect(heads.slice(28, 31).map((head) => head.tid)).toEqual([0, 2, 0]);
    // Picture IDs count every frame; TL0PICIDX rises on each TID 0 frame and holds on the others.
    expect(heads.map((head) => head.pictureId)).toEqual(heads.map((_, index) => index + 1));
    let tl0 = heads[0]!.tl0PicIdx;
    for (const head of heads.slice(1)) {
      if (head.tid === 0) tl0 = (tl0 + 1) & 0xff;
      expect(head.tl0PicIdx).toBe(tl0);
    }
  });

  it('counts its packets by temporal layer', () => {
    const sender = new StreamSender(low!, 0);
    sendFrames(sender, 30);
    // 150 kbit/s: one packet per frame; 8 TID 0, 7 TID 1, 15 TID 2 frames in the first second.
    expect(sender.packetsByTid).toEqual([8, 7, 15]);
    expect([0, 1, 2].map((tid) => sender.packetsUpTo(tid))).toEqual([8, 15, 30]);
    expect(sender.packetsUpTo(5)).toBe(sender.packets);
  });

  it('keeps the screen share on one layer, TID 0', () => {
    const sender = new StreamSender(screenStream(2000), 0);
    const heads = sendFrames(sender, 16).map((packets) => packets[0]!);
    expect(new Set(heads.map((head) => head.tid))).toEqual(new Set([0]));
    expect(heads.every((head) => head.layerSync && !head.nonReference)).toBe(true);
    expect(heads.flatMap((head, index) => (head.keyFrame ? [index] : []))).toEqual([0, 15]);
    expect(sender.packetsByTid).toEqual([sender.packets, 0, 0]);
  });

  it('declares L1T3 on each camera encoding, as the room page does, and nothing on the screen', () => {
    const camera = producerRtpParameters('video', cameraStreams(1000), 'peer');
    expect(camera.encodings).toEqual([
      { ssrc: 1000, scalabilityMode: 'L1T3' },
      { ssrc: 1001, scalabilityMode: 'L1T3' },
      { ssrc: 1002, scalabilityMode: 'L1T3' },
    ]);
    expect(producerRtpParameters('video', [screenStream(2000)], 'peer').encodings).toEqual([{ ssrc: 2000 }]);
  });
});

describe('what a consumer is offered', () => {
  const cameraProducer = (): PublishedProducer => ({
    producerId: 'producer',
    peerIndex: 0,
    source: 'camera',
    senders: cameraStreams(1000).map((spec) => new StreamSender(spec, 0)),
    maxLayer: 2,
  });
  const sendAll = (producer: PublishedProducer, frames: number) => {
    for (const sender of producer.senders) sendFrames(sender, frames);
  };

  it('counts only the packets of the temporal layers it forwards, on the layer it forwards', () => {
    const producer = cameraProducer();
    const thumbnail = new ConsumerCount('thumbnail', producer, 'video');
    thumbnail.update({ paused: false, plannedLayer: 0, spatialLayer: 0, temporalLayer: 1 });
    const large = new ConsumerCount('large', producer, 'video');
    large.update({ paused: false, plannedLayer: 2, spatialLayer: 2, temporalLayer: 2 });
    thumbnail.openWindow();
    large.openWindow();
    sendAll(producer, 30);
    thumbnail.closeWindow();
    large.closeWindow();
    // Low layer, one packet per frame: TID 0 and 1 are 15 of the 30. High layer: 6 packets per frame, all.
    expect(thumbnail.offered).toBe(15);
    expect(large.offered).toBe(180);
  });

  it('cuts the window at each change of layers or pause, counting each span as it was forwarded', () => {
    const producer = cameraProducer();
    const count = new ConsumerCount('consumer', producer, 'video');
    count.update({ paused: false, plannedLayer: 0 });
    sendAll(producer, 8); // before the window: not offered
    count.openWindow();
    sendAll(producer, 8); // no layer named yet: the planned layer, every temporal layer (8 packets)
    count.update({ spatialLayer: 0, temporalLayer: 0 });
    sendAll(producer, 8); // TID 0 only: frames 16-23 of the stream hold 2 TID 0 frames
    count.update({ spatialLayer: 1, temporalLayer: 2 });
    sendAll(producer, 4); // the middle layer (500 kbit/s: 2 packets per frame), all of it: 8
    count.update({ paused: true });
    sendAll(producer, 8); // paused: nothing
    count.update({ paused: false });
    sendAll(producer, 2); // 4 more
    count.closeWindow();
    sendAll(producer, 8); // after the window: not offered
    expect(count.offered).toBe(8 + 2 + 8 + 4);
  });

  it('counts every packet of a single-stream producer (audio, screen)', () => {
    const producer: PublishedProducer = { producerId: 'screen', peerIndex: 0, source: 'screen', senders: [new StreamSender(screenStream(2000), 0)], maxLayer: 0 };
    const count = new ConsumerCount('screen', producer, 'video');
    count.update({ paused: false });
    count.openWindow();
    sendFrames(producer.senders[0]!, 15);
    count.closeWindow();
    expect(count.offered).toBe(producer.senders[0]!.packets);
  });
});
