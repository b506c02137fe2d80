import type { types } from 'mediasoup';
import { AppError } from '@padmeet/util';
import { withClientInput } from '../client-input';
import type { Handler } from '../context';
import { ownProducer, ownTransport } from './own';

/** Camera, microphone and room for a screen share with its audio. */
const MAX_PRODUCERS_PER_PEER = 4;

export const produce: Handler<'produce'> = async ({ session }, request) => {
  const { room, peer } = session.joined('produce');
  if (!peer.claims.canPublish) {
    throw new AppError('FORBIDDEN', { userMessage: 'Your join token does not allow sending audio or video in this room.' });
  }
  const transport = ownTransport(peer, request.transportId, 'send');
  if (peer.producers.size >= MAX_PRODUCERS_PER_PEER) {
    throw new AppError('CONFLICT', { userMessage: `At most ${MAX_PRODUCERS_PER_PEER} producers per connection.` });
  }
  const rtpParameters = request.rtpParameters as unknown as types.RtpParameters;
  const producer = await withClientInput('rtpParameters', () =>
    transport.produce({ kind: request.kind, rtpParameters, appData: { peerId: peer.id } }),
  );
  peer.addProducer(producer);
  producer.observer.on('close', () => {
    if (!room.closed) room.broadcast({ type: 'producerClosed', peerId: peer.id, producerId: producer.id }, peer.id);
  });
  room.broadcast({ type: 'newProducer', peerId: peer.id, producerId: producer.id, kind: producer.kind, paused: producer.paused }, peer.id);
  peer.logger.info({ producerId: producer.id, kind: producer.kind }, 'producing');
  return { producerId: producer.id };
};

export const closeProducer: Handler<'closeProducer'> = async ({ session }, request) => {
  const { peer } = session.joined('closeProducer');
  ownProducer(peer, request.producerId).close();
  return {};
};

export const pauseProducer: Handler<'pauseProducer'> = async ({ session }, request) => {
  const { room, peer } = session.joined('pauseProducer');
  await ownProducer(peer, request.producerId).pause();
  room.broadcast({ type: 'producerPaused', peerId: peer.id, producerId: request.producerId }, peer.id);
  return {};
};

export const resumeProducer: Handler<'resumeProducer'> = async ({ session }, request) => {
  const { room, peer } = session.joined('resumeProducer');
  await ownProducer(peer, request.producerId).resume();
  room.broadcast({ type: 'producerResumed', peerId: peer.id, producerId: request.producerId }, peer.id);
  return {};
};
