import type { Db } from './client';

/**
 * A demo gathering so the local run shows rooms and a full two-day schedule at
 * first start: it begins on the day of the first seeding (UTC, as OpenDev PTGs
 * run), so now/next has something to show. Idempotent: re-running leaves
 * existing rows as they are and adds sessions only to an event that has none.
 */
export async function seedDemo(db: Db, options: { today?: Date } = {}): Promise<void> {
  const today = new Date(`${(options.today ?? new Date()).toISOString().slice(0, 10)}T00:00:00Z`);
  const event = await db.event.upsert({
    where: { slug: 'demo-ptg' },
    update: {},
    create: {
      slug: 'demo-ptg',
      name: 'Demo Project Teams Gathering',
      startsOn: today,
      endsOn: new Date(today.getTime() + 86_400_000),
      timeZone: 'UTC',
      published: true,
    },
    select: { id: true, startsOn: true },
  });
  const rooms = [
    { slug: 'zuul-planning', name: 'Zuul planning', capacity: 50 },
    { slug: 'nova-ptg', name: 'Nova', capacity: 50 },
    { slug: 'hallway', name: 'Hallway track', capacity: null },
    { slug: 'cinder-ptg', name: 'Cinder', capacity: 40 },
    { slug: 'neutron-ptg', name: 'Neutron', capacity: 40 },
    { slug: 'tc-room', name: 'Technical Committee', capacity: 30 },
  ];
  for (const [position, room] of rooms.entries()) {
    await db.room.upsert({
      where: { slug: room.slug },
      update: {},
      create: { ...room, position, eventId: event.id },
    });
  }
  await seedDemoSchedule(db, event);
}

const demoTracks = [
  { slug: 'zuul', name: 'Zuul', color: '#2f6f4f', room: 'zuul-planning', topics: ['Zuul v5 roadmap', 'Nodepool retirement', 'Job output streaming', 'Web UI review'] },
  { slug: 'nova', name: 'Nova', color: '#3b5ba5', room: 'nova-ptg', topics: ['Placement cleanup', 'Live migration bugs', 'Unified limits', 'Cross-project: Cinder'] },
  { slug: 'cinder', name: 'Cinder', color: '#a5473b', room: 'cinder-ptg', topics: ['Driver updates', 'Backup performance', 'Multi-attach', 'Retrospective'] },
  { slug: 'neutron', name: 'Neutron', color: '#8a6d1f', room: 'neutron-ptg', topics: ['OVN migration', 'Gate stability', 'Port binding', 'Operator feedback'] },
  { slug: 'tc', name: 'Technical Committee', color: '#6b3fa0', room: 'tc-room', topics: ['Release cadence', 'Community goals', 'Leaderless projects', 'Board sync'] },
  { slug: 'opendev', name: 'OpenDev', color: '#1f7a8a', room: 'hallway', topics: ['Office hours', 'Meetpad feedback'] },
] as const;

/** Tracks and two days of sessions (14:00-21:00 UTC blocks) for the demo event. */
async function seedDemoSchedule(db: Db, event: { id: string; startsOn: Date }): Promise<void> {
  const roomIds = new Map((await db.room.findMany({ where: { eventId: event.id }, select: { id: true, slug: true } })).map((r) => [r.slug, r.id]));
  const trackIds = new Map<string, string>();
  for (const [position, track] of demoTracks.entries()) {
    const row = await db.track.upsert({
      where: { eventId_slug: { eventId: event.id, slug: track.slug } },
      update: {},
      create: { eventId: event.id, slug: track.slug, name: track.name, color: track.color, position },
      select: { id: true },
    });
    trackIds.set(track.slug, row.id);
  }
  if ((await db.session.count({ where: { room: { eventId: event.id } } })) > 0) return;
  const blocks: [number, number][] = [
    [14, 15.5],
    [15.5, 17],
    [17.5, 19],
    [19, 21],
  ];
  const sessions = [];
  for (const dayIndex of [0, 1]) {
    for (const track of demoTracks) {
      const roomId = roomIds.get(track.room);
      const trackId = trackIds.get(track.slug);
      if (!roomId || !trackId) continue;
      for (const [i, [from, to]] of blocks.entries()) {
        const topic = track.topics[(i + dayIndex * 2) % track.topics.length];
        if (track.slug === 'opendev' && i % 2 === 1) continue;
        const at = (hours: number) => new Date(event.startsOn.getTime() + dayIndex * 86_400_000 + hours * 3_600_000);
        sessions.push({ trackId, roomId, title: topic ?? track.name, agenda: `## ${topic}\n\n- Introductions\n- Discussion\n- Action items`, startsAt: at(from), endsAt: at(to) });
      }
    }
  }
  await db.session.createMany({ data: sessions });
}
