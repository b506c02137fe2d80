/**
 * What anyone watches of each video producer ("dynacast", as LiveKit calls it): its sender need not
 * encode a camera or screen no one sees, nor the layers of a camera no one receives. In a PTG room
 * most people sit in no one's visible tiles, the visible ones are mostly thumbnails (the lowest
 * layer), and a chair waiting alone before the session would otherwise encode three layers of 720p
 * for nobody.
 *
 * A producer's demand is the highest spatial layer its running consumers prefer (consumers of
 * hidden tiles are paused: consumer-view.ts), or nothing when none runs. A sender starts on its
 * lowest layer (the client's default, as every consumer starts there), and is told:
 * - more at once (a viewer waits for the key frame of the layer it asked for);
 * - less once it has wanted less for `idleMs` (a tile scrolled out and back in, a thumbnail enlarged for a moment, a
 *   viewer reconnecting), or nothing at once for a new producer whose sender is alone in the room;
 * - nothing while what it sends is what is wanted.
 */
export interface VideoDemandOptions {
  /** How long a producer is watched less before its sender is told; default 3 s. */
  idleMs?: number;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

export const VIDEO_IDLE_MS = 3_000;

/** What a sender encodes before it is told anything: its lowest layer. */
export const DEFAULT_SPATIAL_LAYER = 0;

/** No layer at all: no one watches. */
export const UNWATCHED = -1;

export class VideoDemand {
  /** The running consumers of each producer, with the spatial layer each prefers. */
  readonly #running = new Map<string, Map<string, number>>();
  /** The highest layer each producer's sender encodes, as far as the SFU told it (UNWATCHED: none). */
  readonly #told = new Map<string, number>();
  readonly #timers = new Map<string, unknown>();
  readonly #idleMs: number;
  readonly #setTimer: (callback: () => void, ms: number) => unknown;
  readonly #clearTimer: (timer: unknown) => void;

  /** `tell(producerId, layer)`: encode up to `layer` (UNWATCHED: nothing). */
  constructor(
    private readonly tell: (producerId: string, layer: number) => void,
    options: VideoDemandOptions = {},
  ) {
    this.#idleMs = options.idleMs ?? VIDEO_IDLE_MS;
    this.#setTimer = options.setTimer ?? ((callback, ms) => setTimeout(callback, ms).unref());
    this.#clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
  }

  /** A video producer appeared; `alone`: no one else is in the room to watch it. */
  producerAdded(producerId: string, alone: boolean): void {
    if (this.#running.has(producerId)) return;
    this.#running.set(producerId, new Map());
    this.#told.set(producerId, DEFAULT_SPATIAL_LAYER);
    if (alone) this.#set(producerId, UNWATCHED);
    else this.#lowerLater(producerId);
  }

  producerRemoved(producerId: string): void {
    this.#cancel(producerId);
    this.#running.delete(producerId);
    this.#told.delete(producerId);
  }

  /** A consumer of `producerId` runs, preferring `layer`; or (undefined) it does not (paused, closed). */
  consumerRunning(producerId: string, consumerId: string, layer: number | undefined): void {
    const consumers = this.#running.get(producerId);
    if (!consumers) return;
    if (layer === undefined) consumers.delete(consumerId);
    else consumers.set(consumerId, Math.max(0, layer));
    const wanted = this.wanted(producerId);
    const told = this.#told.get(producerId) ?? DEFAULT_SPATIAL_LAYER;
    if (wanted > told) {
      this.#cancel(producerId);
      this.#set(producerId, wanted);
    } else if (wanted < told) {
      // The wait runs from the last change.
      this.#cancel(producerId);
      this.#lowerLater(producerId);
    } else {
      this.#cancel(producerId);
    }
  }

  /** The highest layer a running consumer of the producer prefers (UNWATCHED: none runs). */
  wanted(producerId: string): number {
    let highest = UNWATCHED;
    for (const layer of this.#running.get(producerId)?.values() ?? []) highest = Math.max(highest, layer);
    return highest;
  }

  /** The highest layer the producer's sender encodes as far as the SFU knows (undefined: no such producer). */
  told(producerId: string): number | undefined {
    return this.#told.get(producerId);
  }

  close(): void {
    for (const producerId of [...this.#timers.keys()]) this.#cancel(producerId);
    this.#running.clear();
    this.#told.clear();
  }

  /** After the wait, down to what is wanted then (if that is still less). */
  #lowerLater(producerId: string): void {
    if (this.#timers.has(producerId)) return;
    this.#timers.set(
      producerId,
      this.#setTimer(() => {
        this.#timers.delete(producerId);
        if (!this.#running.has(producerId)) return;
        const wanted = this.wanted(producerId);
        if (wanted < (this.#told.get(producerId) ?? DEFAULT_SPATIAL_LAYER)) this.#set(producerId, wanted);
      }, this.#idleMs),
    );
  }

  #cancel(producerId: string): void {
    const timer = this.#timers.get(producerId);
    if (timer === undefined) return;
    this.#clearTimer(timer);
    this.#timers.delete(producerId);
  }

  #set(producerId: string, layer: number): void {
    if (this.#told.get(producerId) === layer) return;
    this.#told.set(producerId, layer);
    this.tell(producerId, layer);
  }
}
