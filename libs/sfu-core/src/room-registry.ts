import type { types } from 'mediasoup';
import type { SessionEndReason } from '@padmeet/contract';
import type { Logger } from '@padmeet/util';
import { ROUTER_MEDIA_CODECS } from './config';
import { Room } from './room';
import type { RoomSpreadOptions } from './room-spread';
import type { MediaWorker } from './worker-pool';

export interface RoomRegistryOptions {
  /** Picks the worker a new room's Router runs on (waits briefly while its only worker restarts). */
  nextWorker: () => Promise<MediaWorker>;
  logger: Logger;
  mediaCodecs?: types.RtpCodecCapability[];
  /** How often the room's ActiveSpeakerObserver decides (ms). */
  speakerIntervalMs?: number;
  /** Rooms grow onto more workers past this many peers per router (room-spread.ts); absent: one router per room. */
  spread?: RoomSpreadOptions;
}

/**
 * The live rooms by id. `getOrCreate` is serialised per room: concurrent joins
 * of a new room share one Router instead of racing to create two.
 */
export class RoomRegistry {
  readonly #rooms = new Map<string, Room>();
  readonly #pending = new Map<string, Promise<Room>>();

  constructor(private readonly options: RoomRegistryOptions) {}

  get size(): number {
    return this.#rooms.size;
  }

  rooms(): Room[] {
    return [...this.#rooms.values()];
  }

  get(roomId: string): Room | undefined {
    return this.#rooms.get(roomId);
  }

  getOrCreate(roomId: string): Promise<Room> {
    const existing = this.#rooms.get(roomId);
    if (existing && !existing.closed) return Promise.resolve(existing);
    const pending = this.#pending.get(roomId);
    if (pending) return pending;
    const creation = this.#create(roomId).finally(() => this.#pending.delete(roomId));
    this.#pending.set(roomId, creation);
    return creation;
  }

  async #create(roomId: string): Promise<Room> {
    const { worker, webRtcServer } = await this.options.nextWorker();
    const router = await worker.createRouter({ mediaCodecs: this.options.mediaCodecs ?? ROUTER_MEDIA_CODECS });
    const speakerObserver = await router.createActiveSpeakerObserver({ interval: this.options.speakerIntervalMs ?? 300 });
    const room = new Room(roomId, { router, webRtcServer, speakerObserver, workerPid: worker.pid }, this.options.logger.child({ roomId }), this.options.spread);
    this.#rooms.set(roomId, room);
    room.onClose(() => {
      if (this.#rooms.get(roomId) === room) this.#rooms.delete(roomId);
    });
    room.logger.info({ workerPid: worker.pid }, 'room created');
    return room;
  }

  closeAll(reason?: string, endReason?: SessionEndReason): void {
    for (const room of [...this.#rooms.values()]) room.close(reason, endReason);
  }
}
