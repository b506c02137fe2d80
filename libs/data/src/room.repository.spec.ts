import { describe, expect, it } from 'vitest';
import { createFakeRoomRepository } from './testing';

describe('fake room repository', () => {
  it('behaves like the real one for lookups', async () => {
    const repo = createFakeRoomRepository([{ slug: 'a-room', name: 'A', capacity: null, eventName: 'E', eventSlug: 'e' }]);
    expect(await repo.findBySlug('a-room')).toMatchObject({ name: 'A' });
    expect(await repo.findBySlug('other')).toBeNull();
    expect(await repo.listPublished()).toHaveLength(1);
  });
});
