import type { JoinClaims } from '@padmeet/contract';

/** A removal the SFU remembers: the person (subject) and the join tokens (jti) it refuses in one room. */
export interface RoomBan {
  /** Refused until then (ms since epoch): the latest expiry of the removed person's tokens. */
  until: number;
  /** Who removed them, for the refusal's words. */
  byName: string;
}

/**
 * Who was removed from which room, in memory: a removed person's join tokens and subject are
 * refused at `join` in that room until the removed tokens expire (join tokens last at most until
 * the end of the session plus 5 minutes, and 10 minutes at a time). An SFU restart forgets them.
 */
export class RoomBans {
  readonly #byRoom = new Map<string, Map<string, RoomBan>>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Refuses these subjects and tokens in `roomId` until `until`; a longer ban already there stays. */
  ban(roomId: string, who: { subjects: readonly string[]; jtis: readonly string[] }, ban: RoomBan): void {
    this.#prune();
    if (ban.until <= this.now()) return;
    const room = this.#byRoom.get(roomId) ?? new Map<string, RoomBan>();
    const keys = [...who.subjects.map((subject) => `sub:${subject}`), ...who.jtis.map((jti) => `jti:${jti}`)];
    for (const key of keys) {
      const existing = room.get(key);
      if (!existing || existing.until < ban.until) room.set(key, ban);
    }
    if (room.size > 0) this.#byRoom.set(roomId, room);
  }

  /** The ban that refuses this token in its room now, if any (by its jti or its subject). */
  banOf(claims: Pick<JoinClaims, 'room' | 'sub' | 'jti'>): RoomBan | undefined {
    const room = this.#byRoom.get(claims.room);
    if (!room) return undefined;
    const now = this.now();
    for (const key of [`jti:${claims.jti}`, `sub:${claims.sub}`]) {
      const ban = room.get(key);
      if (ban && ban.until > now) return ban;
    }
    return undefined;
  }

  /** Bans in force, over every room (metrics, tests). */
  get size(): number {
    this.#prune();
    let count = 0;
    for (const room of this.#byRoom.values()) count += room.size;
    return count;
  }

  #prune(): void {
    const now = this.now();
    for (const [roomId, room] of this.#byRoom) {
      for (const [key, ban] of room) if (ban.until <= now) room.delete(key);
      if (room.size === 0) this.#byRoom.delete(roomId);
    }
  }
}
