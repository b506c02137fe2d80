-- Notes that outlive the meeting (issue 12, part A): per-session snapshots of the room's pad (durable
-- jobs claimed from session_notes), attendance from the SFU's joins, and when a room's notes were exported.
-- AlterTable
ALTER TABLE "room" ADD COLUMN     "notes_exported_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "session_notes" (
    "session_id" UUID NOT NULL,
    "pad_id" TEXT,
    "start_rev" INTEGER,
    "start_taken_at" TIMESTAMPTZ(3),
    "session_started_at" TIMESTAMPTZ(3),
    "end_rev" INTEGER,
    "text" TEXT,
    "html" TEXT,
    "change_text" TEXT,
    "change_html" TEXT,
    "authors" JSONB NOT NULL DEFAULT '[]',
    "status" TEXT NOT NULL DEFAULT 'pending',
    "taken_at" TIMESTAMPTZ(3),
    "session_ended_at" TIMESTAMPTZ(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "locked_until" TIMESTAMPTZ(3),
    "locked_by" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "session_notes_pkey" PRIMARY KEY ("session_id")
);

-- CreateTable
CREATE TABLE "attendance" (
    "id" UUID NOT NULL,
    "room_id" UUID NOT NULL,
    "subject" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "joined_at" TIMESTAMPTZ(3) NOT NULL,
    "left_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "attendance_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "session_notes_status_next_attempt_at_idx" ON "session_notes"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "attendance_room_id_joined_at_idx" ON "attendance"("room_id", "joined_at");

-- AddForeignKey
ALTER TABLE "session_notes" ADD CONSTRAINT "session_notes_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_room_id_fkey" FOREIGN KEY ("room_id") REFERENCES "room"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Hand-written: the states a snapshot can be in, and sane revisions.
ALTER TABLE "session_notes" ADD CONSTRAINT "session_notes_status_check" CHECK ("status" IN ('pending', 'taken'));
ALTER TABLE "session_notes" ADD CONSTRAINT "session_notes_taken_check" CHECK ("status" <> 'taken' OR ("taken_at" IS NOT NULL AND "end_rev" IS NOT NULL));
ALTER TABLE "session_notes" ADD CONSTRAINT "session_notes_revs_check" CHECK ("start_rev" IS NULL OR "start_rev" >= 0);
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_left_check" CHECK ("left_at" IS NULL OR "left_at" >= "joined_at");

-- The runner finds sessions whose end has been reached.
CREATE INDEX "session_ends_at_idx" ON "session"("ends_at");
