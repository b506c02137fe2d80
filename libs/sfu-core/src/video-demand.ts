/**
 * Whether anyone watches a video producer ("dynacast" per producer, as LiveKit calls it): a camera
 * or screen that no one in the room sees need not be encoded by its sender. In a PTG room most
 * people sit in no one's visible tiles, and a chair waiting alone before the session would otherwise
 * encode three layers of 720p for nobody.
 *
 * A producer is watched while at least one consumer of it runs (consumers of hidden tiles are
 * paused: consumer-view.ts). Becoming watched is told at once: a viewer waits for its key frame.
 * Becoming unwatched is told after `idleMs` (a tile scrolled out and back in, a viewer reconnecting),
 * or at once for a new producer whose sender is alone in the room. Nothing is told while the
 * client's default (encoding) holds.
 */
export interface VideoDemandOptions {
  /** How long a producer is unwatched before its sender is told; default 3 s. */
  idleMs?: number;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

export const VIDEO_IDLE_MS = 3_000;

export class VideoDemand {
  readonly #running = new Map<string, Set<string>>();
  /** What the producer's sender was last told; absent: nothing yet (the client encodes). */
  readonly #told = new Map<string, boolean>();
  readonly #timers = new Map<string, unknown>();
  readonly #idleMs: number;
  readonly #setTimer: (callback: () => void, ms: number) => unknown;
  readonly #clearTimer: (timer: unknown) => void;

  constructor(
    private readonly tell: (producerId: string, wanted: boolean) => void,
    options: VideoDemandOptions = {},
  ) {
    this.#idleMs = options.idleMs ?? VIDEO_IDLE_MS;
    this.#setTimer = options.setTimer ?? ((callback, ms) => setTimeout(callback, ms).unref());
    this.#clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
  }

  /** A video producer appeared; `alone`: no one else is in the room to watch it. */
  producerAdded(producerId: string, alone: boolean): void {
    if (this.#running.has(producerId)) return;
    this.#running.set(producerId, new Set());
    if (alone) this.#set(producerId, false);
    else this.#idleLater(producerId);
  }

  producerRemoved(producerId: string): void {
    this.#cancel(producerId);
    this.#running.delete(producerId);
    this.#told.delete(producerId);
  }

  /** A consumer of `producerId` runs (resumed) or not (paused, closed). */
  consumerRunning(producerId: string, consumerId: string, running: boolean): void {
    const consumers = this.#running.get(producerId);
    if (!consumers) return;
    if (running) {
      consumers.add(consumerId);
      this.#cancel(producerId);
      if (this.#told.get(producerId) === false) this.#set(producerId, true);
    } else if (consumers.delete(consumerId) && consumers.size === 0) {
      this.#idleLater(producerId);
    }
  }

  /** Whether the producer's sender was told to encode (undefined: not told either way). */
  told(producerId: string): boolean | undefined {
    return this.#told.get(producerId);
  }

  close(): void {
    for (const producerId of [...this.#timers.keys()]) this.#cancel(producerId);
    this.#running.clear();
    this.#told.clear();
  }

  #idleLater(producerId: string): void {
    if (this.#timers.has(producerId) || this.#told.get(producerId) === false) return;
    this.#timers.set(
      producerId,
      this.#setTimer(() => {
        this.#timers.delete(producerId);
        if (this.#running.get(producerId)?.size === 0) this.#set(producerId, false);
      }, this.#idleMs),
    );
  }

  #cancel(producerId: string): void {
    const timer = this.#timers.get(producerId);
    if (timer === undefined) return;
    this.#clearTimer(timer);
    this.#timers.delete(producerId);
  }

  #set(producerId: string, wanted: boolean): void {
    if (this.#told.get(producerId) === wanted) return;
    this.#told.set(producerId, wanted);
    this.tell(producerId, wanted);
  }
}
