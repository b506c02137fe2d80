import type { types } from 'mediasoup';
import type { TransportDirection, TransportInfo } from '@padmeet/contract';
import { AppError } from '@padmeet/util';
import { webRtcTransportOptions } from '../../config';
import type { Peer, PeerTransport, PeerTransportAppData } from '../../peer';
import type { Room } from '../../room';
import { withClientInput } from '../client-input';
import type { Handler, HandlerContext } from '../context';
import { PEER_LIMITS } from '../limits';

/** A WebRTC transport of the peer, listening through the worker's WebRtcServer (its one port). */
export async function openTransport(
  room: Room,
  peer: Peer,
  direction: TransportDirection,
  rtc: HandlerContext['rtc'],
): Promise<TransportInfo & { direction: TransportDirection }> {
  if (peer.transports.size >= PEER_LIMITS.transports) {
    throw new AppError('CONFLICT', { userMessage: `At most ${PEER_LIMITS.transports} transports per connection; close one first.` });
  }
  if (direction === 'send' && !peer.claims.canPublish) {
    throw new AppError('FORBIDDEN', { userMessage: 'Your join token does not allow sending audio or video in this room.' });
  }
  const appData: PeerTransportAppData = { peerId: peer.id, direction };
  const media = await room.placePeer(peer);
  const transport = await media.router.createWebRtcTransport(webRtcTransportOptions(media.webRtcServer, rtc, appData));
  // The peer may have left while the worker created the transport.
  if (peer.closed) {
    transport.close();
    throw new AppError('CONFLICT', { userMessage: 'Left the room while the transport was created.' });
  }
  peer.addTransport(transport);
  transport.on('dtlsstatechange', (state) => {
    if (state === 'failed' || state === 'closed') peer.logger.warn({ transportId: transport.id, state }, 'transport DTLS ended');
  });
  return transportInfo(transport, direction);
}

/** What the client needs to build its side of a WebRTC transport. */
export function transportInfo(transport: types.WebRtcTransport, direction: TransportDirection): TransportInfo & { direction: TransportDirection } {
  return {
    transportId: transport.id,
    direction,
    iceParameters: { ...transport.iceParameters },
    iceCandidates: transport.iceCandidates.map((candidate) => ({ ...candidate })),
    dtlsParameters: { ...transport.dtlsParameters },
  };
}

/**
 * The transports of `directions`, in that order: the peer's own of a direction when `prepare`
 * opened it, otherwise a new one.
 */
export async function transportsFor(
  room: Room,
  peer: Peer,
  directions: readonly TransportDirection[],
  rtc: HandlerContext['rtc'],
): Promise<Array<TransportInfo & { direction: TransportDirection }>> {
  const transports = [];
  for (const direction of directions) {
    const existing = peer.transportOf(direction);
    transports.push(existing?.type === 'webrtc' ? transportInfo(existing, direction) : await openTransport(room, peer, direction, rtc));
  }
  return transports;
}

function webRtcTransportOf(peer: Peer, transportId: string) {
  const transport: PeerTransport | undefined = peer.transports.get(transportId);
  if (!transport || transport.type !== 'webrtc') {
    throw new AppError('NOT_FOUND', { userMessage: `Transport ${transportId} is not one of this connection's transports.` });
  }
  return transport;
}

export const createTransport: Handler<'createTransport'> = async ({ session, rtc }, request) => {
  const { room, peer } = session.joined('createTransport');
  const { direction: _direction, ...info } = await openTransport(room, peer, request.direction, rtc);
  return info;
};

export const connectTransport: Handler<'connectTransport'> = async ({ session }, request) => {
  const { peer } = session.prepared('connectTransport');
  const transport = webRtcTransportOf(peer, request.transportId);
  const dtlsParameters = request.dtlsParameters as unknown as Parameters<typeof transport.connect>[0]['dtlsParameters'];
  await withClientInput('dtlsParameters', () => transport.connect({ dtlsParameters }));
  return {};
};

export const restartIce: Handler<'restartIce'> = async ({ session }, request) => {
  const { peer } = session.prepared('restartIce');
  const iceParameters = await webRtcTransportOf(peer, request.transportId).restartIce();
  return { iceParameters: { ...iceParameters } };
};
