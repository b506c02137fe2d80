import { canModerate, moderationRefusal, SFU_CLOSE_CODES, type JoinClaims, type ModeratedNotification } from '@padmeet/contract';
import { AppError } from '@padmeet/util';
import type { Peer } from '../peer';
import type { Room } from '../room';
import type { Handler } from '../signaling/context';
import { SfuRefusal } from '../signaling/refusal';
import type { RoomBans } from './bans';

/**
 * The chair's controls. The actor's standing is the room role of its own join token (the latest
 * one, after refreshes): admin, organiser of the event, chair of the running session's track
 * (`canModerate`). Every refusal is an error reply that changes nothing.
 */
export const moderate: Handler<'moderate'> = async ({ session, bans }, request) => {
  const { room, peer: actor } = session.joined('moderate');
  const role = session.claims.role;
  if (!canModerate(role)) {
    throw new AppError('FORBIDDEN', { userMessage: "Only the session's chair or the event's organisers can mute, stop a share or remove someone." });
  }
  const target = room.peers.get(request.peerId);
  if (!target || !target.joined || target.closed) {
    throw new AppError('NOT_FOUND', { userMessage: `Nobody with peer id ${request.peerId} is in this room (any more).` });
  }
  const refusal = moderationRefusal({ peerId: actor.id, role }, { peerId: target.id, role: target.claims.role }, request.action);
  if (refusal) throw new AppError(actor.id === target.id ? 'BAD_INPUT' : 'FORBIDDEN', { userMessage: refusal });
  const reason = request.reason || undefined;
  if (reason !== undefined && request.action !== 'remove') {
    throw new AppError('BAD_INPUT', { userMessage: 'Only a removal carries a reason.' });
  }
  const notice: ModeratedNotification = {
    type: 'moderated',
    action: request.action,
    by: { peerId: actor.id, displayName: actor.displayName },
    target: { peerId: target.id, displayName: target.displayName },
    ...(reason ? { reason } : {}),
  };
  if (request.action === 'mute-mic') await muteMic(room, actor, target);
  else if (request.action === 'stop-screen') stopScreen(target);
  else removePerson(room, actor, target, bans, session.claims, reason, notice);
  if (request.action !== 'remove') room.broadcast(notice);
  actor.logger.info({ action: request.action, targetPeerId: target.id, targetSubject: target.claims.sub }, 'moderated');
  return {};
};

/** Pauses the target's microphone on the server; the target may resume it (their own `resumeProducer`). */
async function muteMic(room: Room, actor: Peer, target: Peer): Promise<void> {
  const mic = target.producerOf('mic');
  if (!mic) throw new AppError('CONFLICT', { userMessage: `${target.displayName} is not sending a microphone.` });
  if (mic.paused) throw new AppError('CONFLICT', { userMessage: `${target.displayName}'s microphone is already muted.` });
  await mic.pause();
  room.broadcast({ type: 'producerPaused', peerId: target.id, producerId: mic.id, source: 'mic', byPeerId: actor.id }, target.id);
}

/** Closes the target's screen share and its audio (the others are told `producerClosed`). */
function stopScreen(target: Peer): void {
  const producers = [target.producerOf('screen'), target.producerOf('screen-audio')].filter((producer) => producer !== undefined);
  if (producers.length === 0) throw new AppError('CONFLICT', { userMessage: `${target.displayName} is not sharing a screen.` });
  for (const producer of producers) producer.close();
}

/**
 * Ends every connection of the target's person in this room (another tab too) with
 * `sessionEnded` 'removed' and close code 4403, and refuses their tokens and subject here until
 * the latest of those tokens expires.
 */
function removePerson(room: Room, actor: Peer, target: Peer, bans: RoomBans, actorClaims: JoinClaims, reason: string | undefined, notice: ModeratedNotification): void {
  const subject = target.claims.sub;
  if (subject === actorClaims.sub) throw new AppError('BAD_INPUT', { userMessage: 'That is you, in another tab or device; use "Leave" there.' });
  const connections = [...room.peers.values()].filter((peer) => peer.claims.sub === subject);
  const until = Math.max(...connections.map((peer) => peer.claims.exp * 1000));
  bans.ban(room.id, { subjects: [subject], jtis: connections.map((peer) => peer.claims.jti) }, { until, byName: actor.displayName });
  room.broadcast(notice);
  const message = `${actor.displayName} removed you from this room${reason ? `: “${reason}”` : '.'}`;
  for (const connection of connections) {
    connection.end('removed', message, SFU_CLOSE_CODES.removed);
    room.removePeer(connection.id);
  }
}

/** At `join`: a removed person (their token or their subject) is refused with refusal 'removed'. */
export function refuseIfRemoved(bans: RoomBans, claims: Pick<JoinClaims, 'room' | 'sub' | 'jti'>): void {
  const ban = bans.banOf(claims);
  if (ban) throw new SfuRefusal('FORBIDDEN', 'removed', `${ban.byName} removed you from this room; you cannot join it again for now.`);
}
