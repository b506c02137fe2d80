import type { types } from 'mediasoup';
import { AppError } from '@padmeet/util';
import type { PeerTransportAppData } from '../../peer';
import { withClientInput } from '../client-input';
import type { Handler } from '../context';
import { PEER_LIMITS } from '../limits';
import { ownTransport } from './own';

/**
 * Load testing only: plain RTP transports with SRTP for synthetic participants (see load-test.ts).
 * Both conditions are checked on every request: the SFU enables it, the join token asks for it.
 */
function requireLoadTest(context: Parameters<Handler<'createPlainTransport'>>[0], what: string) {
  const { room, peer } = context.session.joined(what);
  if (!context.loadTest) {
    throw new AppError('FORBIDDEN', { userMessage: 'This media server does not accept plain transports (load testing is off).' });
  }
  if (peer.claims.loadTest !== true) {
    throw new AppError('FORBIDDEN', { userMessage: 'Only a load-test join token may open plain transports.' });
  }
  return { room, peer, loadTest: context.loadTest };
}

export const createPlainTransport: Handler<'createPlainTransport'> = async (context, request) => {
  const { room, peer, loadTest } = requireLoadTest(context, 'createPlainTransport');
  if (peer.transports.size >= PEER_LIMITS.transports) {
    throw new AppError('CONFLICT', { userMessage: `At most ${PEER_LIMITS.transports} transports per connection; close one first.` });
  }
  if (request.direction === 'send' && !peer.claims.canPublish) {
    throw new AppError('FORBIDDEN', { userMessage: 'Your join token does not allow sending audio or video in this room.' });
  }
  const { router } = await room.placePeer(peer);
  const transport = await router.createPlainTransport<PeerTransportAppData>({
    listenInfo: { protocol: 'udp', ip: loadTest.listenIp, announcedAddress: loadTest.announcedIp ?? loadTest.listenIp },
    rtcpMux: true,
    // A sender's address is learnt from its first packet; a receiver says where it listens.
    comedia: request.direction === 'send',
    enableSrtp: true,
    srtpCryptoSuite: request.cryptoSuite,
    appData: { peerId: peer.id, direction: request.direction },
  });
  if (peer.closed) {
    transport.close();
    throw new AppError('CONFLICT', { userMessage: 'Left the room while the transport was created.' });
  }
  peer.addTransport(transport);
  const srtp = transport.srtpParameters;
  if (!srtp) throw new Error('mediasoup created a plain transport without SRTP parameters');
  return {
    transportId: transport.id,
    ip: transport.tuple.localAddress ?? transport.tuple.localIp,
    port: transport.tuple.localPort,
    srtpParameters: { cryptoSuite: srtp.cryptoSuite, keyBase64: srtp.keyBase64 },
  };
};

export const connectPlainTransport: Handler<'connectPlainTransport'> = async (context, request) => {
  const { peer } = requireLoadTest(context, 'connectPlainTransport');
  const found = peer.transports.get(request.transportId);
  if (!found || found.type !== 'plain') {
    throw new AppError('NOT_FOUND', { userMessage: `Transport ${request.transportId} is not one of this connection's plain transports.` });
  }
  const transport = ownTransport(peer, found.id, found.appData.direction) as types.PlainTransport<PeerTransportAppData>;
  if (transport.appData.direction === 'recv' && (request.ip === undefined || request.port === undefined)) {
    throw new AppError('BAD_INPUT', { userMessage: 'A recv plain transport needs the ip and port it sends to.' });
  }
  if (transport.appData.direction === 'send' && (request.ip !== undefined || request.port !== undefined)) {
    throw new AppError('BAD_INPUT', { userMessage: 'A send plain transport learns the address from the first packet; send no ip or port.' });
  }
  await withClientInput('srtpParameters', () =>
    transport.connect({
      ...(request.ip === undefined ? {} : { ip: request.ip, port: request.port }),
      srtpParameters: request.srtpParameters,
    }),
  );
  return {};
};
