import { z } from 'zod';

/**
 * What the SFU reports to the web app about who is in each room's call (issue 12: attendance),
 * POSTed to the web app's internal endpoint `/api/internal/attendance` with the service secret.
 * Each event names its connection (`id`, a UUID; a leave carries its join's), so a batch sent
 * again after a lost answer changes nothing.
 */
export const ATTENDANCE_PATH = '/api/internal/attendance';
/** Most events in one report (the SFU sends longer backlogs in several). */
export const MAX_ATTENDANCE_EVENTS = 500;

const at = z.iso.datetime({ offset: true }).transform((value) => new Date(value));

export const attendanceEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('join'),
    id: z.uuid(),
    /** The room's slug (the join token's room). */
    room: z.string().min(1).max(200),
    /** The join token's subject. */
    subject: z.string().min(1).max(128),
    displayName: z.string().min(1).max(200),
    at,
  }),
  z.object({ type: z.literal('leave'), id: z.uuid(), at }),
]);
export type AttendanceEvent = z.input<typeof attendanceEventSchema>;

export const attendanceReportSchema = z.object({
  events: z.array(attendanceEventSchema).min(1).max(MAX_ATTENDANCE_EVENTS),
});
export type AttendanceReport = z.input<typeof attendanceReportSchema>;
