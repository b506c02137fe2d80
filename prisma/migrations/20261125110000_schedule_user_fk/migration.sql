-- Chairs and organisers are accounts: link them to app_user now that it exists.
-- Assignments made before accounts existed (placeholder ids) cannot be kept.
DELETE FROM "track_chair" WHERE "user_id" NOT IN (SELECT "id" FROM "app_user");
DELETE FROM "event_organiser" WHERE "user_id" NOT IN (SELECT "id" FROM "app_user");

-- AddForeignKey
ALTER TABLE "track_chair" ADD CONSTRAINT "track_chair_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event_organiser" ADD CONSTRAINT "event_organiser_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
