-- CreateTable
CREATE TABLE "track" (
    "id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "color" TEXT NOT NULL DEFAULT '#2f6f4f',
    "position" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "track_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "track_chair" (
    "track_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "track_chair_pkey" PRIMARY KEY ("track_id","user_id")
);

-- CreateTable
CREATE TABLE "event_organiser" (
    "event_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "event_organiser_pkey" PRIMARY KEY ("event_id","user_id")
);

-- CreateTable
CREATE TABLE "session" (
    "id" UUID NOT NULL,
    "track_id" UUID NOT NULL,
    "room_id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "agenda" TEXT NOT NULL DEFAULT '',
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "session_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "track_event_id_position_idx" ON "track"("event_id", "position");

-- CreateIndex
CREATE UNIQUE INDEX "track_event_id_slug_key" ON "track"("event_id", "slug");

-- CreateIndex
CREATE INDEX "track_chair_user_id_idx" ON "track_chair"("user_id");

-- CreateIndex
CREATE INDEX "event_organiser_user_id_idx" ON "event_organiser"("user_id");

-- CreateIndex
CREATE INDEX "session_room_id_starts_at_idx" ON "session"("room_id", "starts_at");

-- CreateIndex
CREATE INDEX "session_track_id_starts_at_idx" ON "session"("track_id", "starts_at");

-- AddForeignKey
ALTER TABLE "track" ADD CONSTRAINT "track_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "track_chair" ADD CONSTRAINT "track_chair_track_id_fkey" FOREIGN KEY ("track_id") REFERENCES "track"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event_organiser" ADD CONSTRAINT "event_organiser_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "session" ADD CONSTRAINT "session_track_id_fkey" FOREIGN KEY ("track_id") REFERENCES "track"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "session" ADD CONSTRAINT "session_room_id_fkey" FOREIGN KEY ("room_id") REFERENCES "room"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Hand-written: rules the database enforces whatever code writes to it.
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- Two sessions in one room never overlap, even when two chairs book at the same
-- moment: the second INSERT/UPDATE fails with SQLSTATE 23P01 (exclusion_violation).
-- Half-open ranges, so a session may start exactly when the previous one ends.
ALTER TABLE "session" ADD CONSTRAINT "session_no_overlap_in_room"
  EXCLUDE USING gist ("room_id" WITH =, tstzrange("starts_at", "ends_at", '[)') WITH &&);
ALTER TABLE "session" ADD CONSTRAINT "session_ends_after_start" CHECK ("ends_at" > "starts_at");
ALTER TABLE "session" ADD CONSTRAINT "session_title_length" CHECK (length("title") BETWEEN 1 AND 120);
ALTER TABLE "track" ADD CONSTRAINT "track_slug_format" CHECK ("slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length("slug") BETWEEN 2 AND 50);
ALTER TABLE "track" ADD CONSTRAINT "track_color_format" CHECK ("color" ~ '^#[0-9a-fA-F]{6}$');
