/**
 * In-memory sliding-window limiter: at most `limit` attempts per key within any
 * `windowMs`. Attempts are counted when they start (`consume`), so a burst of
 * concurrent requests cannot slip through before the first failure is recorded;
 * successes may be given back (`refund`). One process holds the state: apps/auth
 * (sign-in, invites) and apps/web (room joins) each run as one process per deployment.
 */
export interface RateLimitDecision {
  allowed: boolean;
  /** When refused: whole seconds until an attempt would be allowed again. */
  retryAfterSeconds: number;
}

export interface RateLimiter {
  /** Records an attempt for `key` if allowed; refused attempts are not recorded. */
  consume(key: string): RateLimitDecision;
  /** Would an attempt be allowed now (records nothing)? */
  peek(key: string): RateLimitDecision;
  /** Gives back the most recent attempt of `key` (e.g. it succeeded). */
  refund(key: string): void;
  reset(key: string): void;
  /** Number of keys held (for tests and metrics). */
  size(): number;
}

export interface RateLimiterOptions {
  limit: number;
  windowMs: number;
  now?: () => number;
  /** Bound on memory: the least recently used keys are dropped beyond this. */
  maxKeys?: number;
}

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { limit, windowMs } = options;
  const now = options.now ?? Date.now;
  const maxKeys = options.maxKeys ?? 100_000;
  // key → ascending timestamps of attempts within the window (Map keeps recency order).
  const attempts = new Map<string, number[]>();

  function current(key: string, at: number): number[] {
    const list = attempts.get(key);
    if (!list) return [];
    const fresh = list.filter((t) => t > at - windowMs);
    if (fresh.length === 0) attempts.delete(key);
    else if (fresh.length !== list.length) attempts.set(key, fresh);
    return fresh;
  }

  function decide(list: number[], at: number): RateLimitDecision {
    if (list.length < limit) return { allowed: true, retryAfterSeconds: 0 };
    const oldestThatCounts = list[list.length - limit]!;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((oldestThatCounts + windowMs - at) / 1000)) };
  }

  return {
    consume(key) {
      const at = now();
      const list = current(key, at);
      const decision = decide(list, at);
      if (decision.allowed) {
        attempts.delete(key);
        attempts.set(key, [...list, at]);
        if (attempts.size > maxKeys) attempts.delete(attempts.keys().next().value!);
      }
      return decision;
    },
    peek(key) {
      const at = now();
      return decide(current(key, at), at);
    },
    refund(key) {
      const list = attempts.get(key);
      if (!list) return;
      list.pop();
      if (list.length === 0) attempts.delete(key);
    },
    reset(key) {
      attempts.delete(key);
    },
    size: () => attempts.size,
  };
}

/**
 * The key a client address is limited under: an IPv4 address as it is (IPv4-mapped IPv6
 * too), an IPv6 address by its /64 (one subscriber usually holds a whole /64, so keying by
 * the full address would give one person 2^64 budgets). No address: one shared key.
 */
export function addressKey(address: string | null | undefined): string {
  const value = address?.trim().toLowerCase().replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (!value) return 'unknown-address';
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(value);
  if (mapped) return mapped[1]!;
  if (!value.includes(':')) return value;
  const groupsOf = (part: string) => (part ? part.split(':').flatMap((group) => (group.includes('.') ? ['0', '0'] : [group])) : []);
  const [head = '', tail] = value.split('::', 2);
  const groups = tail === undefined ? groupsOf(head) : [...groupsOf(head), ...Array<string>(Math.max(0, 8 - groupsOf(head).length - groupsOf(tail).length)).fill('0'), ...groupsOf(tail)];
  return `${groups
    .slice(0, 4)
    .map((group) => (Number.parseInt(group, 16) || 0).toString(16))
    .join(':')}::/64`;
}
