import { AppError } from '@padmeet/util';
import type { Handler } from '../context';
import { ownConsumer, ownTransport } from './own';

export const consume: Handler<'consume'> = async ({ session }, request) => {
  const { room, peer } = session.joined('consume');
  const transport = ownTransport(peer, request.transportId, 'recv');
  const found = room.findProducer(request.producerId);
  if (!found) throw new AppError('NOT_FOUND', { userMessage: `Producer ${request.producerId} is not in this room (any more).` });
  if (found.peer.id === peer.id) throw new AppError('BAD_INPUT', { userMessage: 'A connection cannot consume its own producer.' });
  const rtpCapabilities = peer.rtpCapabilities;
  if (!rtpCapabilities || !room.router.canConsume({ producerId: found.producer.id, rtpCapabilities })) {
    throw new AppError('BAD_INPUT', { userMessage: `This device cannot decode producer ${request.producerId} (no common codec).` });
  }
  // Paused until the client has its side ready (resumeConsumer), so no key frame is lost.
  const consumer = await transport.consume({
    producerId: found.producer.id,
    rtpCapabilities,
    paused: true,
    appData: { peerId: peer.id, producerPeerId: found.peer.id },
  });
  peer.addConsumer(consumer);
  consumer.on('producerclose', () => peer.send({ type: 'consumerClosed', consumerId: consumer.id, producerId: found.producer.id }));
  return {
    consumerId: consumer.id,
    producerId: found.producer.id,
    peerId: found.peer.id,
    kind: consumer.kind,
    rtpParameters: { ...consumer.rtpParameters },
    producerPaused: consumer.producerPaused,
  };
};

export const resumeConsumer: Handler<'resumeConsumer'> = async ({ session }, request) => {
  const { peer } = session.joined('resumeConsumer');
  await ownConsumer(peer, request.consumerId).resume();
  return {};
};

export const closeConsumer: Handler<'closeConsumer'> = async ({ session }, request) => {
  const { peer } = session.joined('closeConsumer');
  ownConsumer(peer, request.consumerId).close();
  return {};
};
