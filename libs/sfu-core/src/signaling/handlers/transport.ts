import type { types } from 'mediasoup';
import { AppError } from '@padmeet/util';
import { webRtcTransportOptions } from '../../config';
import type { PeerTransportAppData } from '../../peer';
import { withClientInput } from '../client-input';
import type { Handler } from '../context';

/** A browser needs one send and one receive transport; a few more allow renegotiation. */
const MAX_TRANSPORTS_PER_PEER = 4;

export const createTransport: Handler<'createTransport'> = async ({ session, rtc }, request) => {
  const { room, peer } = session.joined('createTransport');
  if (peer.transports.size >= MAX_TRANSPORTS_PER_PEER) {
    throw new AppError('CONFLICT', { userMessage: `At most ${MAX_TRANSPORTS_PER_PEER} transports per connection; close one first.` });
  }
  const appData: PeerTransportAppData = { peerId: peer.id, direction: request.direction };
  const transport = (await room.router.createWebRtcTransport(
    webRtcTransportOptions(rtc, appData),
  )) as types.WebRtcTransport<PeerTransportAppData>;
  // The peer may have left while the worker created the transport.
  if (peer.closed) {
    transport.close();
    throw new AppError('CONFLICT', { userMessage: 'Left the room while the transport was created.' });
  }
  peer.addTransport(transport);
  transport.on('dtlsstatechange', (state) => {
    if (state === 'failed' || state === 'closed') peer.logger.warn({ transportId: transport.id, state }, 'transport DTLS ended');
  });
  return {
    transportId: transport.id,
    iceParameters: { ...transport.iceParameters },
    iceCandidates: transport.iceCandidates.map((candidate) => ({ ...candidate })),
    dtlsParameters: { ...transport.dtlsParameters },
  };
};

export const connectTransport: Handler<'connectTransport'> = async ({ session }, request) => {
  const { peer } = session.joined('connectTransport');
  const transport = peer.transports.get(request.transportId);
  if (!transport) {
    throw new AppError('NOT_FOUND', { userMessage: `Transport ${request.transportId} is not one of this connection's transports.` });
  }
  const dtlsParameters = request.dtlsParameters as unknown as types.DtlsParameters;
  await withClientInput('dtlsParameters', () => transport.connect({ dtlsParameters }));
  return {};
};

export const restartIce: Handler<'restartIce'> = async ({ session }, request) => {
  const { peer } = session.joined('restartIce');
  const transport = peer.transports.get(request.transportId);
  if (!transport) {
    throw new AppError('NOT_FOUND', { userMessage: `Transport ${request.transportId} is not one of this connection's transports.` });
  }
  const iceParameters = await transport.restartIce();
  return { iceParameters: { ...iceParameters } };
};
