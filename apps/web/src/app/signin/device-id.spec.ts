import { describe, expect, it } from 'vitest';
import { deviceIdSchema } from '@padmeet/contract';
import { deviceIdOf } from './device-id';

function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value), items };
}

describe('deviceIdOf', () => {
  it('makes a random ID once, in the format apps/auth accepts, and keeps it', () => {
    const storage = memoryStorage();
    const id = deviceIdOf(storage);
    expect(deviceIdSchema.safeParse(id).success).toBe(true);
    expect(id).toHaveLength(22);
    expect(deviceIdOf(storage)).toBe(id);
    expect(deviceIdOf(memoryStorage())).not.toBe(id);
  });

  it('replaces a kept value that is not an ID, and gives null without usable storage', () => {
    const storage = memoryStorage({ 'padmeet.device': '<script>' });
    expect(deviceIdOf(storage)).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(deviceIdOf(null)).toBeNull();
    const refusing = { getItem: () => null, setItem: () => { throw new Error('QuotaExceededError'); } };
    expect(deviceIdOf(refusing)).toBeNull();
  });
});
