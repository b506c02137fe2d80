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

/** A Prisma client or the client of an interactive transaction. */
export type DbClient = Omit<Db, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

/**
 * Locks the event's row until the transaction ends (FOR NO KEY UPDATE: writers of the event's rooms,
 * tracks, organisers and dates queue behind each other; readers and foreign-key checks do not wait).
 * False when there is no such event.
 */
export async function lockEvent(tx: DbClient, eventId: string): Promise<boolean> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "event" WHERE id = ${eventId}::uuid FOR NO KEY UPDATE`;
  return rows.length === 1;
}

/**
 * The position after the event's last room or track. Call it inside a transaction after
 * `lockEvent`: two concurrent creations would otherwise read the same maximum and share a position.
 */
export async function nextPosition(tx: DbClient, table: 'room' | 'track', eventId: string): Promise<number> {
  const [row] = await tx.$queryRaw<{ next: number }[]>`
    SELECT (coalesce(max(position), -1) + 1)::int AS next FROM ${Prisma.raw(`"${table}"`)} WHERE event_id = ${eventId}::uuid`;
  return row?.next ?? 0;
}
