import type { TransportDirection } from '@padmeet/contract';
import { AppError } from '@padmeet/util';
import type { Peer } from '../../peer';

/** A transport of this peer with the given direction; anyone else's is "not found". */
export function ownTransport(peer: Peer, transportId: string, direction: TransportDirection) {
  const transport = peer.transports.get(transportId);
  if (!transport) throw new AppError('NOT_FOUND', { userMessage: `Transport ${transportId} is not one of this connection's transports.` });
  if (transport.appData.direction !== direction) {
    throw new AppError('BAD_INPUT', { userMessage: `Transport ${transportId} is a ${transport.appData.direction} transport; use your ${direction} transport.` });
  }
  return transport;
}

export function ownProducer(peer: Peer, producerId: string) {
  const producer = peer.producers.get(producerId);
  if (!producer) throw new AppError('NOT_FOUND', { userMessage: `Producer ${producerId} is not one of this connection's producers.` });
  return producer;
}

export function ownConsumer(peer: Peer, consumerId: string) {
  const consumer = peer.consumers.get(consumerId);
  if (!consumer) throw new AppError('NOT_FOUND', { userMessage: `Consumer ${consumerId} is not one of this connection's consumers.` });
  return consumer;
}
