-- AlterTable
ALTER TABLE "Report" ADD COLUMN     "searchText" TEXT;

-- CreateTable
CREATE TABLE "WebSession" (
    "idHash" TEXT NOT NULL,
    "memberId" INTEGER,
    "data" JSONB NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WebSession_pkey" PRIMARY KEY ("idHash")
);

-- CreateIndex
CREATE INDEX "WebSession_memberId_idx" ON "WebSession"("memberId");

-- CreateIndex
CREATE INDEX "WebSession_expiresAt_idx" ON "WebSession"("expiresAt");

-- AddForeignKey
ALTER TABLE "WebSession" ADD CONSTRAINT "WebSession_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- CreateIndex
CREATE INDEX "Report_overview_idx" ON "Report"("createdAt", "unitId", "memberId", "finalMood", "mood", "topicSlug", "chosenTopic", "status");

-- ---------------------------------------------------------------------------------------------
-- Written by hand (Prisma cannot express these): the dashboard's diacritic-insensitive search.
-- The extensions live in "public" (they are database-wide, while the tables may live in another
-- schema, e.g. one per test file) and every use below names them with their schema, so nothing
-- depends on the connection's search_path.
CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public;
CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;

-- unaccent() is STABLE (it reads a dictionary found through search_path); this wrapper names the
-- dictionary explicitly, so it may be declared IMMUTABLE. Lower case, no diacritics, đ → d:
-- the search folds both the stored text and the query with this one function.
CREATE OR REPLACE FUNCTION "pulse_fold"(t text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, t)) $$;

-- Keeps "searchText" in step with the redacted text, whoever writes it (analysis, retention, SQL).
CREATE OR REPLACE FUNCTION "pulse_report_search_text"() RETURNS trigger AS $$
BEGIN
  NEW."searchText" := CASE
    WHEN NEW."redactedContent" IS NULL AND NEW."redactedProposal" IS NULL THEN NULL
    ELSE "pulse_fold"(concat_ws(' ', NEW."redactedContent", NEW."redactedProposal"))
  END;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Report_search_text"
BEFORE INSERT OR UPDATE OF "redactedContent", "redactedProposal"
ON "Report" FOR EACH ROW EXECUTE FUNCTION "pulse_report_search_text"();

UPDATE "Report" SET "searchText" = "pulse_fold"(concat_ws(' ', "redactedContent", "redactedProposal"))
 WHERE "redactedContent" IS NOT NULL OR "redactedProposal" IS NOT NULL;

-- Trigram index: LIKE '%term%' on the folded text without a scan.
CREATE INDEX "Report_searchText_trgm_idx" ON "Report" USING gin ("searchText" public.gin_trgm_ops);
