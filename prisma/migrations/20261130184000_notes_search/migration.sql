-- Full-text search over each session's notes (issue 12, notes archive): what was written in the pad
-- during the session (change_text of the snapshot), indexed twice in one generated column:
--  'english' (stemmed, stop words dropped, weight A): "shipping" finds "shipped"
--  'simple'  (every word as written, lower-cased, weight B): words of any language, names, code
-- Queries ask websearch_to_tsquery('english', q) || websearch_to_tsquery('simple', q), ranked by
-- ts_rank_cd (an English stem match ranks above a bare word match). Written by hand: Prisma cannot
-- express a generated tsvector column (the archive reads it with SQL, libs/data notes-archive.repository.ts).
ALTER TABLE "session_notes" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('english'::regconfig, COALESCE("change_text", '')), 'A') ||
  setweight(to_tsvector('simple'::regconfig, COALESCE("change_text", '')), 'B')
) STORED;

CREATE INDEX "session_notes_search_idx" ON "session_notes" USING GIN ("search");
