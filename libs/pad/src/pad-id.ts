import { roomSlugSchema } from '@padmeet/contract';
import { AppError } from '@padmeet/util';

/** A room's slug, the name its pad has inside its event's Etherpad group. */
export function parsePadId(padId: string): string {
  const result = roomSlugSchema.safeParse(padId);
  if (!result.success) {
    throw new AppError('BAD_INPUT', {
      field: 'padId',
      userMessage: `"${padId}" is not a valid pad name: ${result.error.issues[0]?.message ?? 'invalid'}.`,
    });
  }
  return result.data;
}

/** Etherpad's group IDs: `g.` and 16 letters or digits (createGroupIfNotExistsFor). */
const GROUP_ID = /^g\.[A-Za-z0-9]{16}$/;
/** A group pad's ID: `<groupID>$<pad name>`; padmeet's pad names are room slugs. */
const GROUP_PAD_ID = /^(g\.[A-Za-z0-9]{16})\$([a-z0-9]+(?:-[a-z0-9]+)*)$/;

export function isGroupId(value: string): boolean {
  return GROUP_ID.test(value);
}

/** The pad ID of a room's pad in its event's group, e.g. `g.AbCdEfGh12345678$zuul-planning`. */
export function groupPadId(groupId: string, roomSlug: string): string {
  if (!isGroupId(groupId)) throw new AppError('BAD_INPUT', { field: 'groupId', userMessage: `"${groupId}" is not an Etherpad group ID.` });
  return `${groupId}$${parsePadId(roomSlug)}`;
}

/** The group and room of a padmeet group pad ID, or null for anything else (plain pads included). */
export function parseGroupPadId(padId: string): { groupId: string; roomSlug: string } | null {
  const match = GROUP_PAD_ID.exec(padId);
  if (!match || match[2]!.length > 50 || match[2]!.length < 2) return null;
  return { groupId: match[1]!, roomSlug: match[2]! };
}
