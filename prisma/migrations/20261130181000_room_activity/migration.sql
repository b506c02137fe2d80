-- Raised hands: one queue per room and session (session_id NULL: between sessions, the hallway).
CREATE TABLE "raised_hand" (
    "position" BIGSERIAL NOT NULL,
    "room_id" UUID NOT NULL,
    "session_id" UUID,
    "subject" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "raised_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "raised_hand_pkey" PRIMARY KEY ("position")
);

CREATE INDEX "raised_hand_room_id_session_id_position_idx" ON "raised_hand"("room_id", "session_id", "position");

-- By hand (Prisma cannot express it): one hand per person per queue, the hallway's (NULL) included.
CREATE UNIQUE INDEX "raised_hand_one_per_person" ON "raised_hand"("room_id", (COALESCE("session_id", '00000000-0000-0000-0000-000000000000'::uuid)), "subject");

ALTER TABLE "raised_hand" ADD CONSTRAINT "raised_hand_room_id_fkey" FOREIGN KEY ("room_id") REFERENCES "room"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "raised_hand" ADD CONSTRAINT "raised_hand_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Chat: plain text, with the session running when sent (NULL between sessions, or once the session is cancelled).
CREATE TABLE "chat_message" (
    "id" BIGSERIAL NOT NULL,
    "room_id" UUID NOT NULL,
    "session_id" UUID,
    "subject" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "sent_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "chat_message_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "chat_message_room_id_id_idx" ON "chat_message"("room_id", "id");
CREATE INDEX "chat_message_session_id_id_idx" ON "chat_message"("session_id", "id");

ALTER TABLE "chat_message" ADD CONSTRAINT "chat_message_room_id_fkey" FOREIGN KEY ("room_id") REFERENCES "room"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "chat_message" ADD CONSTRAINT "chat_message_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "session"("id") ON DELETE SET NULL ON UPDATE CASCADE;
