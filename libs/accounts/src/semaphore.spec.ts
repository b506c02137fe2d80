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

describe('semaphore fairness', () => {
  it('takes waiting keys in turn: one key with many tasks queued does not hold back another key', async () => {
    const semaphore = createSemaphore(1);
    const order: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = semaphore.run(() => gate, 'busy');
    const tasks = [
      ...Array.from({ length: 5 }, (_, i) => semaphore.run(async () => void order.push(`busy${i}`), 'busy')),
      semaphore.run(async () => void order.push('other'), 'other'),
    ];
    release();
    await Promise.all([first, ...tasks]);
    expect(order.indexOf('other')).toBe(1);
    expect(order.filter((name) => name.startsWith('busy'))).toEqual(['busy0', 'busy1', 'busy2', 'busy3', 'busy4']);
  });
});
