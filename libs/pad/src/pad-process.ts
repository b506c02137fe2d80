import { createHash } from 'node:crypto';

/**
 * Which of `count` Etherpad processes serves a pad: the same answer for the same pad ID in
 * every padmeet process (the `/pad` proxy and the API client both ask this), so each pad lives
 * in exactly one Etherpad process's memory. Two processes holding one pad would both append
 * revisions to it in the shared database and corrupt it.
 *
 * Rendezvous (highest-random-weight) hashing: each process index gets a score from
 * SHA-256(index, pad ID) and the highest wins. Going from n to n + 1 processes moves only the
 * pads the new process wins (about 1 in n + 1), unlike `hash % n`, which moves almost all.
 * Change the number of processes only with all of them (and padmeet) restarted together.
 */
export function padProcessIndex(padId: string, count: number): number {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`count must be a positive integer, got ${count}`);
  if (count === 1) return 0;
  let best = 0;
  let bestScore = -1n;
  for (let index = 0; index < count; index += 1) {
    const score = createHash('sha256').update(`${index}\u0000${padId}`).digest().readBigUInt64BE(0);
    if (score > bestScore) {
      bestScore = score;
      best = index;
    }
  }
  return best;
}
