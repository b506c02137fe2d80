-- CreateEnum
CREATE TYPE "user_role" AS ENUM ('admin', 'ticketmaster', 'organiser', 'chair', 'participant');

-- CreateTable
CREATE TABLE "app_user" (
    "id" UUID NOT NULL,
    "username" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "role" "user_role" NOT NULL DEFAULT 'participant',
    "password_hash" TEXT NOT NULL,
    "password_changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "app_user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "invite_token" (
    "id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "role" "user_role" NOT NULL DEFAULT 'participant',
    "note" TEXT,
    "created_by" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "used_at" TIMESTAMPTZ(3),
    "used_by" UUID,

    CONSTRAINT "invite_token_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "app_user_username_key" ON "app_user"("username");

-- CreateIndex
CREATE UNIQUE INDEX "invite_token_token_hash_key" ON "invite_token"("token_hash");

-- CreateIndex
CREATE UNIQUE INDEX "invite_token_used_by_key" ON "invite_token"("used_by");

-- CreateIndex
CREATE INDEX "invite_token_created_by_created_at_idx" ON "invite_token"("created_by", "created_at");

-- AddForeignKey
ALTER TABLE "invite_token" ADD CONSTRAINT "invite_token_created_by_fkey" FOREIGN KEY ("created_by") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invite_token" ADD CONSTRAINT "invite_token_used_by_fkey" FOREIGN KEY ("used_by") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Hand-written: rules the database enforces whatever code writes to it.
-- Usernames are lower-case login names (the app normalises before writing).
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_username_format" CHECK ("username" ~ '^[a-z0-9][a-z0-9._-]{1,31}$');
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_display_name_length" CHECK (length(btrim("display_name")) BETWEEN 1 AND 64);
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_password_hash_format" CHECK ("password_hash" LIKE 'scrypt$%');
-- Only a hex SHA-256 of an invite token is ever stored, never the token.
ALTER TABLE "invite_token" ADD CONSTRAINT "invite_token_hash_format" CHECK ("token_hash" ~ '^[0-9a-f]{64}$');
-- A token is used once: used_by is set only together with used_at (used_by may later be nulled if that account is deleted).
ALTER TABLE "invite_token" ADD CONSTRAINT "invite_token_used_consistent" CHECK ("used_by" IS NULL OR "used_at" IS NOT NULL);
