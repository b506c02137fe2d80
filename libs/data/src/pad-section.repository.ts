import type { Db } from './client';

/**
 * The once-per-session section padmeet appends to a room's pad (libs/api's notes service).
 * A row is claimed before the append and completed with the revision after it, so two padmeet
 * processes opening the room at the session's start add one section, not two.
 */
export interface PadSectionRepository {
  /**
   * Claims the session's section for this caller: true when the caller should append it now.
   * False when it was added already, or another caller claimed it less than `staleAfterMs` ago
   * (a claim older than that whose append never completed, e.g. the process died, is taken over).
   */
  claim(sessionId: string, padId: string, staleAfterMs: number): Promise<boolean>;
  /** The section is in the pad: records the pad's revision right after it. */
  complete(sessionId: string, revision: number): Promise<void>;
  /** The append failed: frees the claim so the next opening of the room tries again. */
  release(sessionId: string): Promise<void>;
  find(sessionId: string): Promise<{ padId: string; revision: number | null; addedAt: Date | null } | null>;
}

export function createPadSectionRepository(db: Db): PadSectionRepository {
  return {
    async claim(sessionId, padId, staleAfterMs) {
      const claimed = await db.$queryRaw<Array<{ session_id: string }>>`
        INSERT INTO pad_section (session_id, pad_id) VALUES (${sessionId}::uuid, ${padId})
        ON CONFLICT (session_id) DO UPDATE SET pad_id = EXCLUDED.pad_id, claimed_at = now()
          WHERE pad_section.revision IS NULL
            AND pad_section.claimed_at < now() - make_interval(secs => ${staleAfterMs / 1000}::double precision)
        RETURNING session_id::text`;
      return claimed.length === 1;
    },
    async complete(sessionId, revision) {
      await db.padSection.update({ where: { sessionId }, data: { revision, addedAt: new Date() } });
    },
    async release(sessionId) {
      await db.padSection.deleteMany({ where: { sessionId, revision: null } });
    },
    async find(sessionId) {
      return db.padSection.findUnique({ where: { sessionId }, select: { padId: true, revision: true, addedAt: true } });
    },
  };
}
