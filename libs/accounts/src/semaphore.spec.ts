import { describe, expect, it } from 'vitest';
import { createSemaphore } from './semaphore';

describe('semaphore', () => {
  it('runs at most `limit` tasks at once, all of them eventually, failures included', async () => {
    const semaphore = createSemaphore(3);
    let running = 0;
    let peak = 0;
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        semaphore.run(async () => {
          running++;
          peak = Math.max(peak, running);
          await new Promise((resolve) => setTimeout(resolve, 1));
          running--;
          if (i % 10 === 0) throw new Error(`task ${i}`);
          return i;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(45);
    expect(running).toBe(0);
  });
});
