-- Signed-in browsers: the session cookie names a row, and signing out or "end all sessions" deletes rows.
CREATE TABLE "account_session" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "account_session_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "account_session_user_id_idx" ON "account_session"("user_id");

ALTER TABLE "account_session" ADD CONSTRAINT "account_session_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
