import type { Db } from './client';

/** What removing a room depends on (read under the room's row lock). */
export interface RoomRemovalFacts {
  roomId: string;
  slug: string;
  /** Sessions of the room that are running or still to come. */
  liveOrUpcomingSessions: number;
  /** Snapshots of the room's sessions' notes, and when the last was taken. */
  takenNotes: number;
  lastNotesTakenAt: Date | null;
  /** Snapshots still pending (a session ended whose notes are not in PostgreSQL yet). */
  pendingNotes: number;
  /** When the room's notes were last exported (set by the export). */
  notesExportedAt: Date | null;
}

/**
 * Removing a room, and what its notes' export records. The only way padmeet deletes a room: the
 * facts are read with the room's row locked and `decide` (libs/notes, removeRoom) throws to refuse,
 * so no session or snapshot can slip in between the check and the delete.
 */
export interface RoomRemovalRepository {
  /** Removes the room unless `decide` throws; false when there is no such room. */
  remove(roomId: string, decide: (facts: RoomRemovalFacts) => void): Promise<boolean>;
  /** Records that the room's notes were exported now (the export of part B calls it). */
  markNotesExported(roomId: string, at?: Date): Promise<void>;
}

export function createRoomRemovalRepository(db: Db): RoomRemovalRepository {
  return {
    async remove(roomId, decide) {
      return db.$transaction(async (tx) => {
        const rooms = await tx.$queryRaw<Array<{ id: string; slug: string; notes_exported_at: Date | null }>>`
          SELECT id::text, slug, notes_exported_at FROM room WHERE id = ${roomId}::uuid FOR UPDATE`;
        const room = rooms[0];
        if (!room) return false;
        const [facts] = await tx.$queryRaw<Array<{ live: number; taken: number; last_taken: Date | null; pending: number }>>`
          SELECT
            (SELECT count(*)::int FROM session s WHERE s.room_id = ${roomId}::uuid AND s.ends_at > now()) AS live,
            (SELECT count(*)::int FROM session_notes n JOIN session s ON s.id = n.session_id WHERE s.room_id = ${roomId}::uuid AND n.status = 'taken') AS taken,
            (SELECT max(n.taken_at) FROM session_notes n JOIN session s ON s.id = n.session_id WHERE s.room_id = ${roomId}::uuid) AS last_taken,
            (SELECT count(*)::int FROM session_notes n JOIN session s ON s.id = n.session_id WHERE s.room_id = ${roomId}::uuid AND n.status = 'pending') AS pending`;
        decide({
          roomId: room.id,
          slug: room.slug,
          liveOrUpcomingSessions: facts!.live,
          takenNotes: facts!.taken,
          lastNotesTakenAt: facts!.last_taken,
          pendingNotes: facts!.pending,
          notesExportedAt: room.notes_exported_at,
        });
        await tx.room.delete({ where: { id: roomId } });
        return true;
      });
    },
    async markNotesExported(roomId, at) {
      await db.room.update({ where: { id: roomId }, data: { notesExportedAt: at ?? new Date() } });
    },
  };
}
