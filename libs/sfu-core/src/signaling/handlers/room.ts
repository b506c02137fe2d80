import type { types } from 'mediasoup';
import { AppError } from '@padmeet/util';
import type { Handler } from '../context';

export const getRouterRtpCapabilities: Handler<'getRouterRtpCapabilities'> = async ({ session }) => {
  const { room } = await session.attach();
  return { rtpCapabilities: { ...room.router.rtpCapabilities } };
};

export const join: Handler<'join'> = async ({ session }, request) => {
  const { room, peer } = await session.attach();
  if (peer.joined) throw new AppError('CONFLICT', { userMessage: 'Already joined this room on this connection.' });
  if (!Array.isArray(request.rtpCapabilities['codecs'])) {
    throw new AppError('BAD_INPUT', { userMessage: 'rtpCapabilities.codecs must be the list from device.rtpCapabilities.' });
  }
  peer.rtpCapabilities = request.rtpCapabilities as types.RtpCapabilities;
  peer.joined = true;
  room.broadcast({ type: 'peerJoined', peerId: peer.id, displayName: peer.displayName, role: peer.claims.role }, peer.id);
  peer.logger.info({ peers: room.joinedPeers().length }, 'peer joined');
  return {
    peerId: peer.id,
    room: room.id,
    displayName: peer.displayName,
    canPublish: peer.claims.canPublish,
    peers: room.joinedPeers(peer.id).map((other) => other.info()),
  };
};

export const leave: Handler<'leave'> = async ({ session }) => {
  session.leave();
  return {};
};
