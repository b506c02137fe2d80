import type { types } from 'mediasoup';
import { kindOfSource } from '@padmeet/contract';
import { AppError } from '@padmeet/util';
import type { Peer, PeerProducer } from '../../peer';
import type { Room } from '../../room';
import { withClientInput } from '../client-input';
import type { Handler } from '../context';
import { ownProducer, ownTransport } from './own';

/**
 * Makes a new producer part of the room: tracked by its peer, a speaker candidate when it is a
 * microphone, announced to the others (with its source and mute state), and its end announced too.
 */
export async function publishProducer(room: Room, peer: Peer, producer: PeerProducer): Promise<void> {
  peer.addProducer(producer);
  producer.observer.on('close', () => {
    if (!room.closed) room.broadcast({ type: 'producerClosed', peerId: peer.id, producerId: producer.id }, peer.id);
  });
  // On every router of a room spread over workers before anyone hears of it (and before the speaker observer, on the first router, looks for it).
  await room.pipeProducer(producer);
  if (producer.appData.source === 'mic') await room.addSpeakerCandidate(producer);
  if (producer.kind === 'video') {
    // Alone in the room, no one can watch it: its sender need not encode it until someone comes.
    room.videoDemand.producerAdded(producer.id, room.joinedPeers(peer.id).length === 0);
    producer.observer.on('close', () => room.videoDemand.producerRemoved(producer.id));
  }
  room.broadcast(
    {
      type: 'newProducer',
      peerId: peer.id,
      producerId: producer.id,
      kind: producer.kind,
      source: producer.appData.source,
      paused: producer.paused,
    },
    peer.id,
  );
  peer.logger.info({ producerId: producer.id, source: producer.appData.source, paused: producer.paused }, 'producing');
}

export const produce: Handler<'produce'> = async ({ session }, request) => {
  const { room, peer } = session.joined('produce');
  if (!peer.claims.canPublish) {
    throw new AppError('FORBIDDEN', { userMessage: 'Your join token does not allow sending audio or video in this room.' });
  }
  const transport = ownTransport(peer, request.transportId, 'send');
  const { source } = request;
  if (request.kind !== kindOfSource[source]) {
    throw new AppError('BAD_INPUT', { userMessage: `A "${source}" producer carries ${kindOfSource[source]}, not ${request.kind}.` });
  }
  const existing = peer.producerOf(source);
  if (existing) {
    throw new AppError('CONFLICT', {
      userMessage: `This connection already sends its ${source} (producer ${existing.id}); close that producer before sending another.`,
    });
  }
  const rtpParameters = request.rtpParameters as unknown as types.RtpParameters;
  const producer = await withClientInput('rtpParameters', () =>
    transport.produce({ kind: request.kind, rtpParameters, paused: request.paused, appData: { peerId: peer.id, source } }),
  );
  await publishProducer(room, peer, producer);
  return { producerId: producer.id };
};

export const closeProducer: Handler<'closeProducer'> = async ({ session }, request) => {
  const { peer } = session.joined('closeProducer');
  ownProducer(peer, request.producerId).close();
  return {};
};

export const pauseProducer: Handler<'pauseProducer'> = async ({ session }, request) => {
  const { room, peer } = session.joined('pauseProducer');
  const producer = ownProducer(peer, request.producerId);
  await producer.pause();
  room.broadcast({ type: 'producerPaused', peerId: peer.id, producerId: producer.id, source: producer.appData.source }, peer.id);
  return {};
};

export const resumeProducer: Handler<'resumeProducer'> = async ({ session }, request) => {
  const { room, peer } = session.joined('resumeProducer');
  const producer = ownProducer(peer, request.producerId);
  await producer.resume();
  room.broadcast({ type: 'producerResumed', peerId: peer.id, producerId: producer.id, source: producer.appData.source }, peer.id);
  return {};
};
