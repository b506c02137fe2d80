import type { Track, TrackChair } from '@padmeet/contract';
import type { Db } from './client';
import { conflictIfDuplicate } from './db-values';
import { lockEvent, nextPosition, setPositions } from './positions';

export interface TrackRecord extends Track {
  eventId: string;
  chairIds: string[];
}

export interface TrackRepository {
  findById(id: string): Promise<TrackRecord | null>;
  listByEvent(eventId: string): Promise<TrackRecord[]>;
  create(eventId: string, track: { slug: string; name: string; color: string }): Promise<TrackRecord>;
  update(id: string, patch: { name?: string; color?: string; position?: number }): Promise<TrackRecord>;
  /** Puts the event's tracks in the order of `trackIds`; null (nothing changed) unless it lists each of them once. */
  reorder(eventId: string, trackIds: string[]): Promise<TrackRecord[] | null>;
  /** Makes the account named `username` a chair of the track (again: no change); null when there is no such account. */
  addChairByUsername(trackId: string, username: string): Promise<TrackChair | null>;
  removeChair(trackId: string, userId: string): Promise<void>;
  /** The chairs of every track of the event, with their usernames, by username. */
  listChairs(eventId: string): Promise<TrackChair[]>;
}

const trackSelect = { id: true, eventId: true, slug: true, name: true, color: true, position: true, chairs: { select: { userId: true } } } as const;
const chairSelect = { trackId: true, user: { select: { id: true, username: true, displayName: true } } } as const;
type ChairRow = { trackId: string; user: { id: string; username: string; displayName: string } };
const toTrackChair = (row: ChairRow): TrackChair => ({ trackId: row.trackId, userId: row.user.id, username: row.user.username, displayName: row.user.displayName });

type TrackRow = { id: string; eventId: string; slug: string; name: string; color: string; position: number; chairs: { userId: string }[] };

export function toTrackRecord(row: TrackRow): TrackRecord {
  const { chairs, ...rest } = row;
  return { ...rest, chairIds: chairs.map((c) => c.userId) };
}

export function createTrackRepository(db: Db): TrackRepository {
  return {
    async findById(id) {
      const row = await db.track.findUnique({ where: { id }, select: trackSelect });
      return row ? toTrackRecord(row) : null;
    },
    async listByEvent(eventId) {
      const rows = await db.track.findMany({ where: { eventId }, select: trackSelect, orderBy: [{ position: 'asc' }, { slug: 'asc' }] });
      return rows.map(toTrackRecord);
    },
    async create(eventId, track) {
      try {
        // The event stays locked from reading the last position to the insert: concurrent creations queue.
        const row = await db.$transaction(async (tx) => {
          await lockEvent(tx, eventId);
          return tx.track.create({ data: { ...track, eventId, position: await nextPosition(tx, 'track', eventId) }, select: trackSelect });
        });
        return toTrackRecord(row);
      } catch (error) {
        throw conflictIfDuplicate(error, { userMessage: `This event already has a track "${track.slug}".`, field: 'slug' });
      }
    },
    async update(id, patch) {
      return toTrackRecord(await db.track.update({ where: { id }, data: patch, select: trackSelect }));
    },
    async reorder(eventId, trackIds) {
      if (!(await setPositions(db, 'track', eventId, trackIds))) return null;
      return this.listByEvent(eventId);
    },
    async addChairByUsername(trackId, username) {
      const user = await db.user.findUnique({ where: { username }, select: { id: true } });
      if (!user) return null;
      const row = await db.trackChair.upsert({
        where: { trackId_userId: { trackId, userId: user.id } },
        update: {},
        create: { trackId, userId: user.id },
        select: chairSelect,
      });
      return toTrackChair(row);
    },
    async removeChair(trackId, userId) {
      await db.trackChair.deleteMany({ where: { trackId, userId } });
    },
    async listChairs(eventId) {
      const rows = await db.trackChair.findMany({ where: { track: { eventId } }, select: chairSelect, orderBy: [{ user: { username: 'asc' } }] });
      return rows.map(toTrackChair);
    },
  };
}
