import type { Db } from './client';
import { Prisma } from './generated/prisma/client';

/**
 * Gives the event's rooms or tracks the order of `ids` (position = index), in
 * one statement, and only when `ids` names each of them exactly once (the
 * caller's list may be out of date: a room added meanwhile). `ids` holds no
 * duplicates (the input schema refuses them). False when nothing was changed.
 */
export async function setPositions(db: Db, table: 'room' | 'track', eventId: string, ids: string[]): Promise<boolean> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    WITH wanted AS (
      SELECT id, (ord - 1)::int AS position FROM unnest(${ids}::uuid[]) WITH ORDINALITY AS o(id, ord)
    ), current AS (
      SELECT id FROM ${Prisma.raw(`"${table}"`)} WHERE event_id = ${eventId}::uuid
    ), exact AS (
      SELECT (SELECT count(*) FROM current) = cardinality(${ids}::uuid[])
         AND NOT EXISTS (SELECT 1 FROM wanted WHERE id NOT IN (SELECT id FROM current)) AS ok
    )
    UPDATE ${Prisma.raw(`"${table}"`)} AS t SET position = wanted.position
      FROM wanted, exact
     WHERE exact.ok AND t.id = wanted.id
    RETURNING t.id`;
  return rows.length === ids.length;
}
