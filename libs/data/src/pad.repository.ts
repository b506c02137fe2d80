import type { Db } from './client';

/**
 * What padmeet records about Etherpad in PostgreSQL (libs/api's notes service): the Etherpad
 * group of each event, and the once-per-session section appended to a room's pad. Both are
 * decided by the database (first writer wins), so several padmeet processes agree.
 */
export interface PadRepository {
  /**
   * The event's Etherpad group: `candidate` if none was recorded yet, else the one recorded first
   * (a concurrent opener's). Etherpad's own group mapping can hand concurrent first callers
   * different groups; this picks one for good.
   */
  claimGroup(eventId: string, candidate: string): Promise<string>;
  /**
   * Claims the session's section for this caller: true when the caller should append it now.
   * False when it was added already, or another caller claimed it less than `staleAfterMs` ago
   * (a claim older than that whose append never completed, e.g. the process died, is taken over).
   */
  claimSection(sessionId: string, padId: string, staleAfterMs: number): Promise<boolean>;
  /** The section is in the pad: records the pad's revision right after it. */
  completeSection(sessionId: string, revision: number): Promise<void>;
  /** The append failed: frees the claim so the next opening of the room tries again. */
  releaseSection(sessionId: string): Promise<void>;
  findSection(sessionId: string): Promise<{ padId: string; revision: number | null; addedAt: Date | null } | null>;
}

export function createPadRepository(db: Db): PadRepository {
  return {
    async claimGroup(eventId, candidate) {
      // Set it if unset (the event's updated_at stays: this is not an edit of the event).
      const claimed = await db.$queryRaw<Array<{ pad_group_id: string }>>`
        UPDATE event SET pad_group_id = ${candidate} WHERE id = ${eventId}::uuid AND pad_group_id IS NULL RETURNING pad_group_id`;
      if (claimed[0]) return claimed[0].pad_group_id;
      // Someone else's claim won: read it in a statement of its own. (Read in the same statement,
      // the row would come from the snapshot taken before a concurrent claim committed, still unset.)
      const { padGroupId } = await db.event.findUniqueOrThrow({ where: { id: eventId }, select: { padGroupId: true } });
      if (!padGroupId) throw new Error(`claimGroup: event ${eventId} has no pad group after a refused claim`);
      return padGroupId;
    },
    async claimSection(sessionId, padId, staleAfterMs) {
      const claimed = await db.$queryRaw<Array<{ session_id: string }>>`
        INSERT INTO pad_section (session_id, pad_id) VALUES (${sessionId}::uuid, ${padId})
        ON CONFLICT (session_id) DO UPDATE SET pad_id = EXCLUDED.pad_id, claimed_at = now()
          WHERE pad_section.revision IS NULL
            AND pad_section.claimed_at < now() - make_interval(secs => ${staleAfterMs / 1000}::double precision)
        RETURNING session_id::text`;
      return claimed.length === 1;
    },
    async completeSection(sessionId, revision) {
      await db.padSection.update({ where: { sessionId }, data: { revision, addedAt: new Date() } });
    },
    async releaseSection(sessionId) {
      await db.padSection.deleteMany({ where: { sessionId, revision: null } });
    },
    async findSection(sessionId) {
      return db.padSection.findUnique({ where: { sessionId }, select: { padId: true, revision: true, addedAt: true } });
    },
  };
}
