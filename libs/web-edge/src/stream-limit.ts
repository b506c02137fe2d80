import { addressKey } from '@padmeet/util';

/**
 * Caps on long-lived responses (the now/next SSE streams), per client address and in total: each
 * open stream holds a socket, timers and a listener for as long as the browser keeps it, and
 * anyone may open one. Clients are counted by address, IPv6 by /64 (util's addressKey). Beyond the per-address cap the answer is 429 (that client has enough
 * open), beyond the total 503 (the server has); both say when to try again.
 */
export interface StreamLimitOptions {
  perAddress: number;
  total: number;
}

export type StreamTicket =
  | { ok: true; release: () => void }
  | { ok: false; status: 429 | 503; message: string; retryAfterSeconds: number };

export interface StreamLimiter {
  open(address: string | null | undefined): StreamTicket;
  stats(): { open: number; addresses: number };
}

export function createStreamLimiter(options: StreamLimitOptions): StreamLimiter {
  const byKey = new Map<string, number>();
  let total = 0;
  return {
    open(address) {
      const key = addressKey(address);
      const mine = byKey.get(key) ?? 0;
      if (mine >= options.perAddress) {
        return { ok: false, status: 429, retryAfterSeconds: 30, message: `Too many open live streams from your address (at most ${options.perAddress}); close some tabs and try again.` };
      }
      if (total >= options.total) {
        return { ok: false, status: 503, retryAfterSeconds: 30, message: 'The server has as many live streams open as it takes; try again in a moment.' };
      }
      byKey.set(key, mine + 1);
      total++;
      let released = false;
      return {
        ok: true,
        release() {
          if (released) return;
          released = true;
          total--;
          const left = (byKey.get(key) ?? 1) - 1;
          if (left <= 0) byKey.delete(key);
          else byKey.set(key, left);
        },
      };
    },
    stats: () => ({ open: total, addresses: byKey.size }),
  };
}
