import type { SignalingError, SignalingRefusal, SignalingResponse } from '@padmeet/contract';

/** A request the SFU refused (its code and message come from the server) or that timed out. */
export class SignalingRequestError extends Error {
  constructor(
    readonly code: SignalingError['code'] | 'TIMEOUT' | 'DISCONNECTED',
    message: string,
    /** A refusal the page explains in its own words (a full room...). */
    readonly refusal?: SignalingRefusal,
  ) {
    super(message);
    this.name = 'SignalingRequestError';
  }
}

export interface TimerApi {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: TimerApi = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

interface Pending {
  type: string;
  resolve: (data: unknown) => void;
  reject: (error: Error) => void;
  timer: unknown;
}

/**
 * Matches responses to requests by id, with a timeout per request. Pure
 * bookkeeping: sending and receiving frames is the caller's business.
 */
export class RequestCorrelator {
  #nextId = 1;
  readonly #pending = new Map<number, Pending>();

  constructor(
    private readonly timeoutMs: number,
    private readonly timers: TimerApi = realTimers,
  ) {}

  get pendingCount(): number {
    return this.#pending.size;
  }

  /** Registers a request; returns its id and the promise of its response data. */
  start<T>(type: string): { id: number; response: Promise<T> } {
    const id = this.#nextId++;
    const response = new Promise<T>((resolve, reject) => {
      const timer = this.timers.set(() => {
        this.#pending.delete(id);
        reject(new SignalingRequestError('TIMEOUT', `The media server did not answer "${type}" within ${this.timeoutMs / 1000} s.`));
      }, this.timeoutMs);
      this.#pending.set(id, { type, resolve: resolve as (data: unknown) => void, reject, timer });
    });
    return { id, response };
  }

  /** Settles the matching request; returns false for an unknown or late id. */
  settle(response: SignalingResponse): boolean {
    if (typeof response.id !== 'number') return false;
    const pending = this.#pending.get(response.id);
    if (!pending) return false;
    this.#pending.delete(response.id);
    this.timers.clear(pending.timer);
    if (response.ok) pending.resolve(response.data);
    else pending.reject(new SignalingRequestError(response.error.code, response.error.message, response.error.refusal));
    return true;
  }

  /** Fails every outstanding request (the socket closed). */
  failAll(message: string): void {
    for (const [id, pending] of this.#pending) {
      this.timers.clear(pending.timer);
      pending.reject(new SignalingRequestError('DISCONNECTED', `"${pending.type}" was not answered: ${message}`));
      this.#pending.delete(id);
    }
  }
}
