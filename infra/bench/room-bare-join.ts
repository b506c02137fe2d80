/**
 * The baseline of the join benchmark (infra/bench/room.ts), bundled for the browser: a bare
 * mediasoup-client join with nothing of the room page around it: the clock runs from "open the
 * signaling socket" to the first remote frame on screen. It only receives (what the first remote
 * frame depends on); the room page also publishes, beside receiving.
 */
import { Device, type types } from 'mediasoup-client';
import type { ProducerInfo, TransportInfo } from '@padmeet/contract';
import { SignalingClient, sfuSocketUrl } from '../../libs/room-client/src/signaling-client';

async function bareJoin(sfuUrl: string, token: string): Promise<number> {
  const video = document.createElement('video');
  video.muted = true;
  video.autoplay = true;
  document.body.append(video);
  const started = performance.now();
  const client = new SignalingClient(sfuSocketUrl(sfuUrl, token));
  await client.opened;
  const { rtpCapabilities } = await client.request('getRouterRtpCapabilities', {});
  const device = new Device();
  await device.load({ routerRtpCapabilities: rtpCapabilities as unknown as types.RtpCapabilities });
  const joined = await client.request('join', { rtpCapabilities: { ...device.rtpCapabilities }, transports: ['recv'] });
  const params = (info: TransportInfo) => ({
    id: info.transportId,
    iceParameters: info.iceParameters as unknown as types.IceParameters,
    iceCandidates: info.iceCandidates as unknown as types.IceCandidate[],
    dtlsParameters: info.dtlsParameters as unknown as types.DtlsParameters,
  });
  const recvInfo = joined.transports.find((t) => t.direction === 'recv')!;
  const recv = device.createRecvTransport(params(recvInfo));
  recv.on('connect', ({ dtlsParameters }, callback, errback) => {
    client.request('connectTransport', { transportId: recv.id, dtlsParameters: { ...dtlsParameters } }).then(() => callback(), errback);
  });
  const firstFrame = new Promise<number>((resolve) => {
    video.requestVideoFrameCallback(() => resolve(performance.now()));
  });
  const camerasOf = joined.peers.flatMap((peer) => peer.producers.filter((p: ProducerInfo) => p.source === 'camera'));
  const first = camerasOf[0];
  if (!first) throw new Error('nobody publishes a camera in the room');
  const info = await client.request('consume', { transportId: recv.id, producerId: first.producerId });
  const consumer = await recv.consume({
    id: info.consumerId,
    producerId: info.producerId,
    kind: info.kind,
    rtpParameters: info.rtpParameters as unknown as types.RtpParameters,
  });
  video.srcObject = new MediaStream([consumer.track]);
  void video.play();
  await client.request('resumeConsumer', { consumerId: consumer.id });
  const at = await firstFrame;
  client.close();
  return at - started;
}

(globalThis as unknown as { bareJoin: typeof bareJoin }).bareJoin = bareJoin;
