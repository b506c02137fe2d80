-- The event's Etherpad group: the first padmeet process to open one of its rooms' notes sets it.
ALTER TABLE "event" ADD COLUMN "pad_group_id" TEXT;

-- The section padmeet appends to a room's pad when a session starts: one per session.
CREATE TABLE "pad_section" (
    "session_id" UUID NOT NULL,
    "pad_id" TEXT NOT NULL,
    "revision" INTEGER,
    "claimed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "added_at" TIMESTAMPTZ(3),

    CONSTRAINT "pad_section_pkey" PRIMARY KEY ("session_id")
);

ALTER TABLE "pad_section" ADD CONSTRAINT "pad_section_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "session"("id") ON DELETE CASCADE ON UPDATE CASCADE;
