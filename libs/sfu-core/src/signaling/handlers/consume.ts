import { parseScalabilityMode } from 'mediasoup';
import type { ConsumerInfo } from '@padmeet/contract';
import { AppError } from '@padmeet/util';
import { planConsumer } from '../../consumer-view';
import type { Peer, PeerConsumer, PeerConsumerAppData, PeerProducer, PeerTransport } from '../../peer';
import type { Room } from '../../room';
import type { Handler } from '../context';
import { PEER_LIMITS } from '../limits';
import { ownConsumer, ownTransport } from './own';

/** Spatial layers a producer sends: its simulcast encodings, or the spatial layers of one SVC encoding. */
function spatialLayersOf(producer: PeerProducer): number {
  const encodings = producer.rtpParameters.encodings ?? [];
  if (encodings.length > 1) return encodings.length;
  return parseScalabilityMode(encodings[0]?.scalabilityMode).spatialLayers;
}

/** Temporal layers in each of a producer's encodings (3 for L1T3; 1 without a scalability mode). */
function temporalLayersOf(producer: PeerProducer): number {
  return parseScalabilityMode(producer.rtpParameters.encodings?.[0]?.scalabilityMode).temporalLayers;
}

/** Tells the room's video demand what a video consumer receives now (see createConsumer). */
const demandReporters = new WeakMap<PeerConsumer, () => void>();

/**
 * Brings a consumer in line with its plan (client ready? tile visible? how tall?): sets the
 * preferred layer and pauses or resumes it. With `notify`, a pause or resume is told to the
 * client (`consumerPaused`/`consumerResumed`): the server did it, not the client's own request.
 */
export async function applyConsumerPlan(peer: Peer, consumer: PeerConsumer, notify: boolean): Promise<void> {
  if (consumer.closed) return;
  const { appData } = consumer;
  const plan = planConsumer({ kind: consumer.kind, ...appData });
  const preferred = consumer.preferredLayers;
  if (plan.spatialLayer !== undefined && (preferred?.spatialLayer !== plan.spatialLayer || preferred.temporalLayer !== plan.temporalLayer)) {
    await consumer.setPreferredLayers({ spatialLayer: plan.spatialLayer, temporalLayer: plan.temporalLayer });
    // A running consumer that now wants another layer changes what its sender must encode.
    demandReporters.get(consumer)?.();
  }
  if (plan.paused && !consumer.paused) {
    await consumer.pause();
    if (notify) peer.send({ type: 'consumerPaused', consumerId: consumer.id });
  } else if (!plan.paused && consumer.paused) {
    await consumer.resume();
    if (notify) peer.send({ type: 'consumerResumed', consumerId: consumer.id });
  }
}

export const consume: Handler<'consume'> = async ({ session }, request) => {
  const { room, peer } = session.joined('consume');
  const transport = ownTransport(peer, request.transportId, 'recv');
  const found = room.findProducer(request.producerId);
  if (!found) throw new AppError('NOT_FOUND', { userMessage: `Producer ${request.producerId} is not in this room (any more).` });
  if (found.peer.id === peer.id) throw new AppError('BAD_INPUT', { userMessage: 'A connection cannot consume its own producer.' });
  if (!canConsume(room, peer, found.producer)) {
    throw new AppError('BAD_INPUT', { userMessage: `This device cannot decode producer ${request.producerId} (no common codec).` });
  }
  return createConsumer(room, peer, transport, found);
};

/** Whether the peer's device (the capabilities it sent with `prepare` or `join`) decodes the producer. */
export function canConsume(room: Room, peer: Peer, producer: PeerProducer): boolean {
  const rtpCapabilities = peer.rtpCapabilities;
  return !!rtpCapabilities && room.mediaOf(peer).router.canConsume({ producerId: producer.id, rtpCapabilities });
}

/**
 * A consumer of another peer's producer on the peer's receive transport, paused until the client
 * has its side ready (resumeConsumer) so no key frame is lost, and until the peer has joined. A
 * camera starts on its lowest layer until the client says how large its tile is.
 */
export async function createConsumer(
  room: Room,
  peer: Peer,
  transport: PeerTransport,
  found: { peer: Peer; producer: PeerProducer },
): Promise<ConsumerInfo> {
  if (peer.consumers.size >= PEER_LIMITS.consumers) {
    throw new AppError('CONFLICT', { userMessage: `At most ${PEER_LIMITS.consumers} consumers per connection; close some first.` });
  }
  const rtpCapabilities = peer.rtpCapabilities;
  if (!rtpCapabilities) throw new AppError('CONFLICT', { userMessage: 'Send "prepare" or "join" with your device\'s capabilities first.' });
  const appData: PeerConsumerAppData = {
    peerId: peer.id,
    producerPeerId: found.peer.id,
    source: found.producer.appData.source,
    spatialLayers: found.producer.kind === 'video' ? spatialLayersOf(found.producer) : 1,
    temporalLayers: found.producer.kind === 'video' ? temporalLayersOf(found.producer) : 1,
    clientReady: false,
    visible: true,
    height: undefined,
  };
  const plan = planConsumer({ kind: found.producer.kind, ...appData });
  const consumer = await transport.consume({
    producerId: found.producer.id,
    rtpCapabilities,
    paused: true,
    ...(plan.spatialLayer === undefined ? {} : { preferredLayers: { spatialLayer: plan.spatialLayer, temporalLayer: plan.temporalLayer } }),
    appData,
  });
  if (peer.closed) {
    consumer.close();
    throw new AppError('CONFLICT', { userMessage: 'Left the room while the consumer was created.' });
  }
  peer.addConsumer(consumer);
  if (consumer.kind === 'video') {
    // Its producer is watched, up to the layer this consumer prefers, while the consumer runs (its own
    // pause: a hidden tile; not its producer's mute).
    const report = () =>
      room.videoDemand.consumerRunning(found.producer.id, consumer.id, consumer.closed || consumer.paused ? undefined : (consumer.preferredLayers?.spatialLayer ?? 0));
    demandReporters.set(consumer, report);
    consumer.observer.on('pause', report);
    consumer.observer.on('resume', report);
    consumer.observer.on('close', report);
  }
  consumer.on('producerclose', () => peer.send({ type: 'consumerClosed', consumerId: consumer.id, producerId: found.producer.id }));
  consumer.on('layerschange', (layers) =>
    peer.send({
      type: 'consumerLayersChanged',
      consumerId: consumer.id,
      spatialLayer: layers?.spatialLayer ?? null,
      temporalLayer: layers?.temporalLayer ?? null,
    }),
  );
  return {
    consumerId: consumer.id,
    producerId: found.producer.id,
    peerId: found.peer.id,
    kind: consumer.kind,
    source: appData.source,
    rtpParameters: { ...consumer.rtpParameters },
    producerPaused: consumer.producerPaused,
  };
}

/** The client's side of the consumer exists: it runs now, unless its tile is hidden (then once visible). */
export const resumeConsumer: Handler<'resumeConsumer'> = async ({ session }, request) => {
  const { peer } = session.joined('resumeConsumer');
  const consumer = ownConsumer(peer, request.consumerId);
  consumer.appData.clientReady = true;
  await applyConsumerPlan(peer, consumer, false);
  return {};
};

export const closeConsumer: Handler<'closeConsumer'> = async ({ session }, request) => {
  const { peer } = session.prepared('closeConsumer');
  ownConsumer(peer, request.consumerId).close();
  return {};
};

/**
 * How the client shows each remote video: the preferred layer follows the tile's height, hidden
 * tiles pause. Every consumer must be this connection's own, or nothing changes.
 */
export const setConsumerViews: Handler<'setConsumerViews'> = async ({ session }, request) => {
  const { peer } = session.joined('setConsumerViews');
  const targets = request.views.map((view) => ({ view, consumer: ownConsumer(peer, view.consumerId) }));
  for (const { view, consumer } of targets) {
    if (consumer.kind === 'audio') continue;
    consumer.appData.visible = view.visible;
    consumer.appData.height = view.height;
  }
  await Promise.all([...new Set(targets.map(({ consumer }) => consumer))].map((consumer) => applyConsumerPlan(peer, consumer, true)));
  return {};
};
