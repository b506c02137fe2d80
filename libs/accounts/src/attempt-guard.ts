import { AppError, addressKey } from '@padmeet/util';
import { createRateLimiter, type RateLimiter } from './rate-limiter';

export interface WindowLimit {
  limit: number;
  windowMs: number;
}

/**
 * Three windows guard each kind of attempt (sign-in, invite redemption):
 * - per address and username: one address hammering one account stops quickly;
 * - per address: one address spraying many usernames (or token guesses) stops too;
 * - per username: many addresses against one account are bounded as well.
 * Attempts that are refused by a window are not counted by the others, so an
 * attacker's refused requests do not use up the username window.
 *
 * The per-username window is the one a stranger could use to keep someone out
 * (a few attempts a minute from anywhere fill it). So it does not apply to an
 * address, or a device (the browser's own random ID), that has signed in to that
 * account before: the owner at home, at work, or with their own laptop on a new
 * network still gets in while the account is under attack, and the attacker is
 * still held by the two windows of their own addresses.
 * Addresses are keyed as `addressKey` does: IPv6 by its /64, so one subscriber
 * is one address, for the windows and for being known alike.
 */
export interface AttemptLimits {
  perAddressAndUsername: WindowLimit;
  perAddress: WindowLimit;
  perUsername: WindowLimit;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export const SIGN_IN_LIMITS: AttemptLimits = {
  perAddressAndUsername: { limit: 5, windowMs: 15 * MINUTE },
  perAddress: { limit: 30, windowMs: 15 * MINUTE },
  perUsername: { limit: 50, windowMs: 15 * MINUTE },
};

export const REDEMPTION_LIMITS: AttemptLimits = {
  perAddressAndUsername: { limit: 5, windowMs: 15 * MINUTE },
  perAddress: { limit: 10, windowMs: 15 * MINUTE },
  perUsername: { limit: 20, windowMs: 15 * MINUTE },
};

/** How long, and how many, addresses and devices an account's successful sign-ins are remembered for. */
export interface KnownAddressOptions {
  ttlMs: number;
  perUsername: number;
  /** Bound on memory: accounts beyond this drop the least recently used. */
  maxUsernames: number;
}

export const KNOWN_ADDRESSES: KnownAddressOptions = { ttlMs: 30 * DAY, perUsername: 20, maxUsernames: 100_000 };

export interface AttemptTicket {
  /** The attempt succeeded: it no longer counts, and its address is known to this username from now on. */
  succeeded(): void;
}

export interface AttemptGuard {
  /** Records an attempt, or throws AppError RATE_LIMITED with `retryAfterSeconds`. */
  begin(address: string | null, username: string, device?: string | null): AttemptTicket;
}

export function createAttemptGuard(limits: AttemptLimits, now: () => number = Date.now, knownOptions: KnownAddressOptions = KNOWN_ADDRESSES): AttemptGuard {
  const pair = createRateLimiter({ ...limits.perAddressAndUsername, now });
  const address = createRateLimiter({ ...limits.perAddress, now });
  const username = createRateLimiter({ ...limits.perUsername, now });
  // username → address key or `device:<id>` → last successful sign-in from it (Maps keep recency order).
  const known = new Map<string, Map<string, number>>();

  const isKnown = (name: string, key: string) => {
    const at = known.get(name)?.get(key);
    return at !== undefined && now() - at < knownOptions.ttlMs;
  };
  const remember = (name: string, key: string) => {
    const addresses = known.get(name) ?? new Map<string, number>();
    known.delete(name);
    known.set(name, addresses);
    addresses.delete(key);
    addresses.set(key, now());
    if (addresses.size > knownOptions.perUsername) addresses.delete(addresses.keys().next().value!);
    if (known.size > knownOptions.maxUsernames) known.delete(known.keys().next().value!);
  };

  return {
    begin(clientAddress, name, device) {
      const from = addressKey(clientAddress);
      const deviceKey = device ? `device:${device}` : null;
      const keys: [RateLimiter, string][] = [
        [pair, `${from}|${name}`],
        [address, from],
      ];
      if (!isKnown(name, from) && !(deviceKey && isKnown(name, deviceKey))) keys.push([username, name]);
      // Check all first, then record: synchronous, so concurrent requests cannot interleave here.
      const refusals = keys.map(([limiter, key]) => limiter.peek(key)).filter((decision) => !decision.allowed);
      if (refusals.length > 0) {
        const retryAfterSeconds = Math.max(...refusals.map((decision) => decision.retryAfterSeconds));
        throw new AppError('RATE_LIMITED', { userMessage: `Too many attempts; try again in ${retryAfterSeconds} s.`, retryAfterSeconds });
      }
      for (const [limiter, key] of keys) limiter.consume(key);
      return {
        succeeded() {
          for (const [limiter, key] of keys) limiter.refund(key);
          if (clientAddress) remember(name, from);
          if (deviceKey) remember(name, deviceKey);
        },
      };
    },
  };
}
