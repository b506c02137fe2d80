import type { Db } from './client';

/**
 * A small demo gathering so the local run shows rooms at first start.
 * Idempotent: re-running leaves existing rows as they are.
 */
export async function seedDemo(db: Db): Promise<void> {
  const event = await db.event.upsert({
    where: { slug: 'demo-ptg' },
    update: {},
    create: {
      slug: 'demo-ptg',
      name: 'Demo Project Teams Gathering',
      startsOn: new Date('2026-12-01T00:00:00Z'),
      endsOn: new Date('2026-12-02T00:00:00Z'),
      timeZone: 'UTC',
      published: true,
    },
    select: { id: true },
  });
  const rooms = [
    { slug: 'zuul-planning', name: 'Zuul planning', capacity: 50 },
    { slug: 'nova-ptg', name: 'Nova', capacity: 50 },
    { slug: 'hallway', name: 'Hallway track', capacity: null },
  ];
  for (const [position, room] of rooms.entries()) {
    await db.room.upsert({
      where: { slug: room.slug },
      update: {},
      create: { ...room, position, eventId: event.id },
    });
  }
}
