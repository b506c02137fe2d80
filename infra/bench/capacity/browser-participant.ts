/**
 * A real Chromium participant in the loaded room (bundled for the browser by browsers.ts): joins
 * with mediasoup-client over WebRTC, publishes its fake camera (two simulcast layers at 640×360)
 * and microphone, and consumes the cameras of the other Chromium participants (the synthetic
 * participants' VP8 is well-formed RTP but not decodable pictures). `framesDecoded()` sums what
 * its decoders produced, for the benchmark to see it rise while the synthetic load runs;
 * `srtpCiphers()` reads what its transports negotiated with the SFU through DTLS-SRTP.
 */
import { Device, type types } from 'mediasoup-client';
import type { TransportInfo } from '@padmeet/contract';
import { SignalingClient, sfuSocketUrl } from '../../../libs/room-client/src/signaling-client';
import type { NegotiatedCipher } from './srtp';

const receivers: RTCRtpReceiver[] = [];
const transports: types.Transport[] = [];
const consumed = new Set<string>();

let consumeOne: (producerId: string) => Promise<void> = async () => {
  throw new Error('join first');
};

/** Joins, publishes the fake camera and microphone; returns the camera's producer id (the benchmark hands it to the other browsers). */
async function joinRoom(sfuUrl: string, token: string): Promise<string> {
  const client = new SignalingClient(sfuSocketUrl(sfuUrl, token), { timeoutMs: 60_000 });
  await client.opened;
  const { rtpCapabilities } = await client.request('getRouterRtpCapabilities', {});
  const device = new Device();
  await device.load({ routerRtpCapabilities: rtpCapabilities as unknown as types.RtpCapabilities });
  const joined = await client.request('join', { rtpCapabilities: { ...device.rtpCapabilities }, transports: ['send', 'recv'], resumeConsumers: [] });
  const params = (info: TransportInfo) => ({
    id: info.transportId,
    iceParameters: info.iceParameters as unknown as types.IceParameters,
    iceCandidates: info.iceCandidates as unknown as types.IceCandidate[],
    dtlsParameters: info.dtlsParameters as unknown as types.DtlsParameters,
  });
  const connect = (transport: types.Transport) =>
    transport.on('connect', ({ dtlsParameters }, callback, errback) => {
      client.request('connectTransport', { transportId: transport.id, dtlsParameters: { ...dtlsParameters } }).then(() => callback(), errback);
    });
  const send = device.createSendTransport(params(joined.transports.find((t) => t.direction === 'send')!));
  const recv = device.createRecvTransport(params(joined.transports.find((t) => t.direction === 'recv')!));
  transports.push(send, recv);
  connect(send);
  connect(recv);
  send.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
    client
      .request('produce', { transportId: send.id, kind, source: appData['source'] as 'camera' | 'mic', rtpParameters: { ...rtpParameters }, paused: false })
      .then(({ producerId }) => callback({ id: producerId }), errback);
  });
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 640, height: 360, frameRate: 20 } });
  const camera = await send.produce({
    track: stream.getVideoTracks()[0]!,
    encodings: [{ scaleResolutionDownBy: 2, maxBitrate: 150_000 }, { scaleResolutionDownBy: 1, maxBitrate: 500_000 }],
    appData: { source: 'camera' },
  });
  await send.produce({ track: stream.getAudioTracks()[0]!, appData: { source: 'mic' } });

  consumeOne = async (producerId: string) => {
    if (consumed.has(producerId)) return;
    consumed.add(producerId);
    const info = await client.request('consume', { transportId: recv.id, producerId });
    const consumer = await recv.consume({
      id: info.consumerId,
      producerId: info.producerId,
      kind: info.kind,
      rtpParameters: info.rtpParameters as unknown as types.RtpParameters,
    });
    receivers.push(consumer.rtpReceiver!);
    const video = document.createElement('video');
    video.muted = true;
    video.autoplay = true;
    video.srcObject = new MediaStream([consumer.track]);
    document.body.append(video);
    void video.play();
    await client.request('resumeConsumer', { consumerId: consumer.id });
  };
  return camera.id;
}

/** Consumes another browser's camera (shown in a video element, decoded). */
async function consumeCamera(producerId: string): Promise<void> {
  await consumeOne(producerId);
}

async function framesDecoded(): Promise<number> {
  let total = 0;
  for (const receiver of receivers) {
    const stats = await receiver.getStats();
    stats.forEach((report: { type: string; kind?: string; framesDecoded?: number }) => {
      if (report.type === 'inbound-rtp' && report.kind === 'video') total += report.framesDecoded ?? 0;
    });
  }
  return total;
}

/** What each transport (send, recv) negotiated: the `transport` report of its peer connection's getStats. */
async function srtpCiphers(): Promise<NegotiatedCipher[]> {
  const ciphers: NegotiatedCipher[] = [];
  for (const transport of transports) {
    const stats = await transport.getStats();
    stats.forEach((report: { type: string; srtpCipher?: string; dtlsCipher?: string; tlsVersion?: string; dtlsState?: string; dtlsRole?: string }) => {
      if (report.type !== 'transport') return;
      ciphers.push({
        direction: transport.direction,
        srtpCipher: report.srtpCipher ?? '',
        dtlsCipher: report.dtlsCipher ?? '',
        tlsVersion: report.tlsVersion ?? '',
        dtlsState: report.dtlsState ?? '',
        dtlsRole: report.dtlsRole ?? '',
      });
    });
  }
  return ciphers;
}

Object.assign(globalThis, { joinRoom, consumeCamera, framesDecoded, srtpCiphers });
