import type { types } from 'mediasoup';
import type { TransportDirection } from '@padmeet/contract';
import { AppError } from '@padmeet/util';
import { refuseIfRemoved } from '../../moderation/moderate';
import type { Peer } from '../../peer';
import type { PeerSession } from '../../session';
import type { Handler } from '../context';
import { SfuRefusal } from '../refusal';
import { applyConsumerPlan, canConsume, createConsumer } from './consume';
import { transportsFor } from './transport';

export const getRouterRtpCapabilities: Handler<'getRouterRtpCapabilities'> = async ({ session }) => {
  const { room } = await session.attach();
  return { rtpCapabilities: { ...room.router.rtpCapabilities } };
};

/** What `prepare` and `join` both check before they open anything. */
function checkEntry(peer: Peer, request: { rtpCapabilities: Record<string, unknown>; transports: readonly TransportDirection[] }): void {
  if (peer.joined) throw new AppError('CONFLICT', { userMessage: 'Already joined this room on this connection.' });
  if (peer.joining) throw new AppError('CONFLICT', { userMessage: 'Already joining this room on this connection; wait for the answer.' });
  if (peer.preparing) throw new AppError('CONFLICT', { userMessage: 'Still preparing on this connection; wait for the answer to "prepare", then send "join".' });
  if (!Array.isArray(request.rtpCapabilities['codecs'])) {
    throw new AppError('BAD_INPUT', { userMessage: 'rtpCapabilities.codecs must be the list from device.rtpCapabilities.' });
  }
  if (new Set(request.transports).size !== request.transports.length) {
    throw new AppError('BAD_INPUT', { userMessage: 'Ask for each transport direction at most once, e.g. transports: ["recv", "send"].' });
  }
  if (request.transports.includes('send') && !peer.claims.canPublish) {
    throw new AppError('FORBIDDEN', { userMessage: 'Your join token does not allow sending audio or video in this room; ask only for "recv".' });
  }
}

/** A `prepare` or `join` that failed leaves nothing behind: its transports close, its place is given back. */
function undoEntry(session: PeerSession, peer: Peer): void {
  for (const transport of [...peer.transports.values()]) transport.close();
  peer.prepared = false;
  session.release();
}

/**
 * The pre-join's half of entering (see the contract): transports and a paused consumer for each
 * medium in the room now, so that ICE and DTLS are done before the click. Nothing is announced
 * and nothing flows; a failure leaves nothing behind.
 */
export const prepare: Handler<'prepare'> = async ({ session, rtc, bans }, request) => {
  refuseIfRemoved(bans, session.claims);
  const { room, peer } = await session.attach();
  if (peer.prepared) throw new AppError('CONFLICT', { userMessage: 'Already prepared on this connection; send "join".' });
  checkEntry(peer, request);
  // A prepared connection holds transports: it counts against the token's and person's connections.
  session.admit();
  peer.preparing = true;
  try {
    const transports = await transportsFor(room, peer, request.transports, rtc);
    peer.rtpCapabilities = request.rtpCapabilities as types.RtpCapabilities;
    const recv = peer.transportOf('recv');
    const consumers = [];
    // Consumers go on a receive transport; a connection that asked for "send" alone gets none.
    if (recv) {
      for (const other of room.joinedPeers(peer.id)) {
        for (const producer of other.producers.values()) {
          if (peer.closed || room.closed) throw new AppError('CONFLICT', { userMessage: 'The room closed while preparing; join again.' });
          if (producer.closed || !canConsume(room, peer, producer)) continue;
          consumers.push(await createConsumer(room, peer, recv, { peer: other, producer }));
        }
      }
    }
    peer.prepared = true;
    return { transports, consumers };
  } catch (error) {
    undoEntry(session, peer);
    throw error;
  } finally {
    peer.preparing = false;
  }
};

/**
 * Enters the room in one round trip: checks capacity and connection limits, creates the asked
 * transports (or returns those `prepare` opened), then announces the peer. A refused or failed
 * join changes nothing.
 */
export const join: Handler<'join'> = async ({ session, rtc, bans, attendance }, request) => {
  refuseIfRemoved(bans, session.claims);
  const { room, peer } = await session.attach();
  checkEntry(peer, request);
  const capacity = peer.claims.capacity;
  const occupants = room.occupants();
  if (capacity != null && !occupants.has(peer.claims.sub) && occupants.size >= capacity) {
    throw new SfuRefusal(
      'FORBIDDEN',
      'room-full',
      `This room is full: it holds at most ${capacity} ${capacity === 1 ? 'person' : 'people'} at once. Try again when someone leaves.`,
    );
  }
  session.admit();
  peer.joining = true;
  try {
    const transports = await transportsFor(room, peer, request.transports, rtc);
    if (peer.closed || room.closed) throw new AppError('CONFLICT', { userMessage: 'The room closed while joining; join again.' });
    // A prepared peer's consumers were made for the capabilities it sent then.
    if (!peer.prepared) peer.rtpCapabilities = request.rtpCapabilities as types.RtpCapabilities;
    peer.joined = true;
    room.broadcast({ type: 'peerJoined', peerId: peer.id, displayName: peer.displayName, role: peer.claims.role, colour: peer.colour }, peer.id);
    peer.logger.info({ peers: room.joinedPeers().length, prepared: peer.prepared }, 'peer joined');
    attendance?.joined({ id: peer.id, room: peer.claims.room, subject: peer.claims.sub, displayName: peer.displayName });
    // Who is here and what they send, as of the moment the peer joined: anything later reaches it as
    // notifications (newProducer, …), so nothing is both listed here and announced.
    const answer = {
      peerId: peer.id,
      room: room.id,
      displayName: peer.displayName,
      colour: peer.colour,
      canPublish: peer.claims.canPublish,
      peers: room.joinedPeers(peer.id).map((other) => other.info()),
      activeSpeakerPeerId: room.activeSpeakerPeerId,
      transports,
    };
    await resumePrepared(peer, request.resumeConsumers);
    return answer;
  } catch (error) {
    undoEntry(session, peer);
    throw error;
  } finally {
    peer.joining = false;
  }
};

/** Starts prepared consumers the client has ready, as `resumeConsumer` would (a view may keep one paused). */
async function resumePrepared(peer: Peer, consumerIds: readonly string[]): Promise<void> {
  const consumers = consumerIds.flatMap((id) => peer.consumers.get(id) ?? []);
  for (const consumer of consumers) consumer.appData.clientReady = true;
  await Promise.all(
    consumers.map((consumer) =>
      // Closed meanwhile (its producer ended): the client hears `consumerClosed`; the join goes on.
      applyConsumerPlan(peer, consumer, false).catch((error: unknown) => peer.logger.debug({ err: error, consumerId: consumer.id }, 'prepared consumer not started')),
    ),
  );
}

export const leave: Handler<'leave'> = async ({ session }) => {
  session.leave();
  return {};
};

/** A fresh token for the same room and person moves this connection's expiry. */
export const refreshToken: Handler<'refreshToken'> = async ({ session, verifier }, request) => {
  const claims = await verifier.verify(request.token, { expectedRoom: session.claims.room }).catch((error: unknown) => {
    const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
    if (cause?.code === 'ERR_JWT_EXPIRED') {
      throw new SfuRefusal('UNAUTHENTICATED', 'token-expired', 'The new join token has already expired; reload the room page.');
    }
    throw error;
  });
  if (claims.sub !== session.claims.sub) {
    throw new AppError('FORBIDDEN', { userMessage: 'That join token belongs to someone else; reload the room page.' });
  }
  session.refresh(claims);
  return { expiresAt: session.expiresAt };
};
