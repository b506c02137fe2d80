import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ATTENDANCE_PATH, attendanceReportSchema } from '@padmeet/contract';
import type { AttendanceRepository } from '@padmeet/data';
import type { Logger } from '@padmeet/util';

/** A report of 500 events is about 100 KiB. */
const MAX_BODY_BYTES = 1024 * 1024;

export interface AttendanceEndpointOptions {
  attendance: AttendanceRepository;
  /** The service secret the SFU sends (AUTH_SERVICE_SECRET). */
  secret: string;
  logger: Logger;
}

function answer(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function secretMatches(header: string | undefined, secret: string): boolean {
  const given = Buffer.from(header ?? '');
  const expected = Buffer.from(`Bearer ${secret}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * The web app's internal endpoint for the SFU's attendance reports (`POST /api/internal/attendance`,
 * answered by the web server before Next): only with the service secret; the body is a zod-checked
 * report whose events are written in order (idempotently: a report sent again changes nothing).
 * 401 without the secret, 400 for a bad report (nothing written), 503 when PostgreSQL fails (the
 * SFU sends it again). Returns false for other paths.
 */
export function createAttendanceEndpoint(options: AttendanceEndpointOptions): (req: IncomingMessage, res: ServerResponse) => boolean {
  const logger = options.logger.child({ part: 'attendance' });
  return (req, res) => {
    if (new URL(req.url ?? '/', 'http://web.invalid').pathname !== ATTENDANCE_PATH) return false;
    void (async () => {
      if (req.method !== 'POST') return answer(res, 405, { error: { code: 'METHOD_NOT_ALLOWED', message: 'POST a report.' } });
      if (!secretMatches(req.headers.authorization, options.secret)) {
        logger.warn({ client: req.socket.remoteAddress }, 'attendance report without the service secret refused');
        return answer(res, 401, { error: { code: 'UNAUTHENTICATED', message: 'For padmeet services only.' } });
      }
      const body = await readBody(req);
      if (!body) return answer(res, 413, { error: { code: 'BAD_INPUT', message: `A report is at most ${MAX_BODY_BYTES} bytes.` } });
      let json: unknown;
      try {
        json = JSON.parse(body.toString('utf8'));
      } catch {
        return answer(res, 400, { error: { code: 'BAD_INPUT', message: 'The report is not JSON.' } });
      }
      const report = attendanceReportSchema.safeParse(json);
      if (!report.success) {
        const issue = report.error.issues[0];
        return answer(res, 400, { error: { code: 'BAD_INPUT', message: `Bad report: ${issue?.path.join('.') || '(body)'}: ${issue?.message ?? 'invalid'}` } });
      }
      let unknownRooms = 0;
      try {
        for (const event of report.data.events) {
          if (event.type === 'join') {
            const known = await options.attendance.recordJoin({ id: event.id, roomSlug: event.room, subject: event.subject, displayName: event.displayName, at: event.at });
            if (!known) unknownRooms += 1;
          } else {
            await options.attendance.recordLeave({ id: event.id, at: event.at });
          }
        }
      } catch (error) {
        logger.error({ err: error }, 'attendance report could not be stored; the SFU sends it again');
        return answer(res, 503, { error: { code: 'UNAVAILABLE', message: 'Could not store the report; send it again.' } });
      }
      if (unknownRooms > 0) logger.warn({ unknownRooms }, 'attendance: joins of rooms padmeet does not know were not recorded');
      return answer(res, 200, { ok: true, events: report.data.events.length, unknownRooms });
    })().catch((error: unknown) => {
      logger.error({ err: error }, 'attendance endpoint failed');
      if (!res.headersSent) answer(res, 500, { error: { code: 'INTERNAL', message: 'Failed.' } });
      else res.end();
    });
    return true;
  };
}
