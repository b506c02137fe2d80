import type { JoinTokenResponse, RoomSummary } from '@padmeet/contract';
import type { ApiContext } from '../context';
import type { Person, RoomAdmission } from './notes';

/**
 * A join token for the SFU from apps/auth, with the grants the join decision gave (role in the
 * room, canPublish, the room's capacity). It never outlives the session running in the room
 * (auth adds a short grace); outside sessions it lives its default 10 minutes.
 */
export function issueMediaToken(ctx: ApiContext, room: RoomSummary, admission: RoomAdmission, person: Person): Promise<JoinTokenResponse> {
  return ctx.authService.issueJoinToken({
    room: room.slug,
    name: person.name,
    subject: person.subject,
    ...admission.grants,
    notAfter: admission.notAfter,
  });
}
