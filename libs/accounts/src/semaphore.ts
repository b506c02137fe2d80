/**
 * Bounds how many expensive operations (password hashing, registration
 * transactions) run at once; the rest wait their turn instead of exhausting
 * memory (128 MiB per scrypt hash), the database pool or the thread pool.
 *
 * Waiting is fair between callers: each `key` (a client address) has its own
 * queue and the queues take turns, so an address that sends hundreds of
 * sign-ins at once waits behind itself, and someone else's one sign-in runs
 * after at most one task of each other waiting address.
 */
export interface Semaphore {
  run<T>(task: () => Promise<T>, key?: string): Promise<T>;
}

export function createSemaphore(limit: number): Semaphore {
  let active = 0;
  // key → its waiters in order; Map order is the turn order of the keys.
  const waiting = new Map<string, (() => void)[]>();
  const release = () => {
    active--;
    const next = waiting.entries().next().value;
    if (!next) return;
    const [key, queue] = next;
    const wake = queue.shift()!;
    waiting.delete(key);
    if (queue.length > 0) waiting.set(key, queue);
    wake();
  };
  return {
    async run(task, key = '') {
      if (active >= limit) {
        await new Promise<void>((resolve) => {
          const queue = waiting.get(key);
          if (queue) queue.push(resolve);
          else waiting.set(key, [resolve]);
        });
      }
      active++;
      try {
        return await task();
      } finally {
        release();
      }
    },
  };
}
