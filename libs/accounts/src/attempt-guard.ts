import { AppError } from '@padmeet/util';
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
 * attacker's refused requests do not use up the username window and a real
 * user signing in from their own address still gets through.
 */
export interface AttemptLimits {
  perAddressAndUsername: WindowLimit;
  perAddress: WindowLimit;
  perUsername: WindowLimit;
}

const MINUTE = 60_000;

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

export interface AttemptTicket {
  /** The attempt succeeded: it no longer counts against the address and the username. */
  succeeded(): void;
}

export interface AttemptGuard {
  /** Records an attempt, or throws AppError RATE_LIMITED with `retryAfterSeconds`. */
  begin(address: string | null, username: string): AttemptTicket;
}

export function createAttemptGuard(limits: AttemptLimits, now: () => number = Date.now): AttemptGuard {
  const pair = createRateLimiter({ ...limits.perAddressAndUsername, now });
  const address = createRateLimiter({ ...limits.perAddress, now });
  const username = createRateLimiter({ ...limits.perUsername, now });

  return {
    begin(clientAddress, name) {
      const keys: [RateLimiter, string][] = [
        [pair, `${clientAddress ?? 'unknown'}|${name}`],
        [address, clientAddress ?? 'unknown'],
        [username, name],
      ];
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
        },
      };
    },
  };
}
