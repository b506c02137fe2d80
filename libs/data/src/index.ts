export { getDb, disconnectAll, checkDatabase, type Db } from './client';
export { createPgPool } from './pool';
export { isDatabaseUnavailable } from './db-values';
export { createRoomRepository, type RoomRepository, type RoomAccess, type RunningSession } from './room.repository';
export { createPadRepository, type PadRepository } from './pad.repository';
export { seedDemo } from './seed';
export { createUserRepository, type UserRepository, type LoginRecord } from './user.repository';
export { createAccountSessionRepository, type AccountSessionRepository } from './account-session.repository';
export { createInviteRepository, type InviteRepository, type InviteRecord, type RedeemResult } from './invite.repository';
export { createEventRepository, type EventRepository, type EventRecord, type EventPatch, type RoomRecord } from './event.repository';
export { createTrackRepository, type TrackRepository, type TrackRecord } from './track.repository';
export { createSessionRepository, type SessionRepository, type SessionRecord, type NewSession, type SessionPatch, type RoomBooking, type SessionSpan, type EventWindow } from './session.repository';
export { createScheduleRepository, type ScheduleRepository, type EventSchedule } from './schedule.repository';
export { createNotesArchiveRepository, type NotesArchiveRepository, type ArchiveEvent, type ArchivedSessionRecord, type EndedSessionsFilter, type SearchHit, type SnapshotRecord } from './notes-archive.repository';
export { createRoomActivityRepository, type RoomActivityRepository, type HandRecord, type ChatRecord } from './room-activity.repository';
// Notes that outlive the meeting (issue 12): per-session snapshots and their jobs, attendance, guarded room removal.
export { createSessionNotesRepository, type SessionNotesRepository, type SessionNotesRecord, type SnapshotJob, type RunnerScope, type StartSnapshot, type EndSnapshot, type NotesAuthor } from './session-notes.repository';
export { createAttendanceRepository, type AttendanceRepository, type AttendanceJoin, type AttendanceLeave, type SessionAttendee } from './attendance.repository';
export { createRoomRemovalRepository, type RoomRemovalRepository, type RoomRemovalFacts } from './room-removal.repository';
