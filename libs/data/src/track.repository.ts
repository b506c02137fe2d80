import type { Track } from '@padmeet/contract';
import { AppError } from '@padmeet/util';
import type { Db } from './client';
import { isUniqueViolation } from './db-values';

export interface TrackRecord extends Track {
  eventId: string;
  chairIds: string[];
}

export interface TrackRepository {
  findById(id: string): Promise<TrackRecord | null>;
  listByEvent(eventId: string): Promise<TrackRecord[]>;
  create(eventId: string, track: { slug: string; name: string; color: string }): Promise<TrackRecord>;
  update(id: string, patch: { name?: string; color?: string; position?: number }): Promise<TrackRecord>;
  addChair(trackId: string, userId: string): Promise<void>;
  removeChair(trackId: string, userId: string): Promise<void>;
}

const trackSelect = { id: true, eventId: true, slug: true, name: true, color: true, position: true, chairs: { select: { userId: true } } } as const;
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
        const last = await db.track.aggregate({ where: { eventId }, _max: { position: true } });
        const row = await db.track.create({ data: { ...track, eventId, position: (last._max.position ?? -1) + 1 }, select: trackSelect });
        return toTrackRecord(row);
      } catch (error) {
        if (isUniqueViolation(error)) throw new AppError('CONFLICT', { userMessage: `This event already has a track "${track.slug}".`, field: 'slug', cause: error });
        throw error;
      }
    },
    async update(id, patch) {
      return toTrackRecord(await db.track.update({ where: { id }, data: patch, select: trackSelect }));
    },
    async addChair(trackId, userId) {
      await db.trackChair.upsert({ where: { trackId_userId: { trackId, userId } }, update: {}, create: { trackId, userId } });
    },
    async removeChair(trackId, userId) {
      await db.trackChair.deleteMany({ where: { trackId, userId } });
    },
  };
}
