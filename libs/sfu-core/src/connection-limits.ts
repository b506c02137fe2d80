import type { JoinClaims } from '@padmeet/contract';
import { SfuRefusal } from './signaling/refusal';

export interface ConnectionLimitOptions {
  /** Joined connections per join token (`jti`): 2 lets a reconnect overlap the socket it replaces. */
  perToken: number;
  /** Joined connections per person (`sub`), over all their tokens and rooms. */
  perSubject: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimitOptions = { perToken: 2, perSubject: 5 };

/**
 * Counts the joined connections per join token and per subject. `admit` reserves a place for a
 * holder (one signaling connection) or refuses with `connection-limit`; `release` frees it.
 */
export class ConnectionLimits {
  readonly #byToken = new Map<string, Set<object>>();
  readonly #bySubject = new Map<string, Set<object>>();
  readonly #held = new Map<object, { jti: string; sub: string }>();

  constructor(private readonly options: ConnectionLimitOptions = DEFAULT_CONNECTION_LIMITS) {}

  admit(claims: Pick<JoinClaims, 'jti' | 'sub'>, holder: object): void {
    if (this.#held.has(holder)) return;
    const tokenHolders = this.#byToken.get(claims.jti)?.size ?? 0;
    if (tokenHolders >= this.options.perToken) {
      throw new SfuRefusal(
        'FORBIDDEN',
        'connection-limit',
        `This join link is already in use on ${tokenHolders} connections (at most ${this.options.perToken}); close the room in your other tabs or reload the page.`,
      );
    }
    const subjectHolders = this.#bySubject.get(claims.sub)?.size ?? 0;
    if (subjectHolders >= this.options.perSubject) {
      throw new SfuRefusal(
        'FORBIDDEN',
        'connection-limit',
        `You are already connected ${subjectHolders} times (at most ${this.options.perSubject}); close the room in your other tabs or devices first.`,
      );
    }
    add(this.#byToken, claims.jti, holder);
    add(this.#bySubject, claims.sub, holder);
    this.#held.set(holder, { jti: claims.jti, sub: claims.sub });
  }

  release(holder: object): void {
    const held = this.#held.get(holder);
    if (!held) return;
    this.#held.delete(holder);
    remove(this.#byToken, held.jti, holder);
    remove(this.#bySubject, held.sub, holder);
  }

  count(): { tokens: number; subjects: number; holders: number } {
    return { tokens: this.#byToken.size, subjects: this.#bySubject.size, holders: this.#held.size };
  }
}

function add(map: Map<string, Set<object>>, key: string, holder: object): void {
  const set = map.get(key) ?? new Set<object>();
  set.add(holder);
  map.set(key, set);
}

function remove(map: Map<string, Set<object>>, key: string, holder: object): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(holder);
  if (set.size === 0) map.delete(key);
}
