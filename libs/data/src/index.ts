export { getDb, disconnectAll, checkDatabase, type Db } from './client';
export { createPgPool } from './pool';
export { createRoomRepository, type RoomRepository } from './room.repository';
export { seedDemo } from './seed';
export { createEventRepository, type EventRepository, type EventRecord, type EventPatch, type RoomRecord } from './event.repository';
export { createTrackRepository, type TrackRepository, type TrackRecord } from './track.repository';
export { createSessionRepository, type SessionRepository, type SessionRecord, type NewSession, type SessionPatch, type RoomBooking } from './session.repository';
export { createScheduleRepository, type ScheduleRepository, type EventSchedule } from './schedule.repository';
