-- CreateTable
CREATE TABLE "OverviewDay" (
    "scope" INTEGER NOT NULL,
    "timezone" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OverviewDay_pkey" PRIMARY KEY ("scope","timezone","day")
);

-- CreateTable
CREATE TABLE "OverviewCell" (
    "scope" INTEGER NOT NULL,
    "timezone" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "mood" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "OverviewCell_pkey" PRIMARY KEY ("scope","timezone","day","mood","topic")
);

-- CreateIndex
CREATE INDEX "OverviewDay_day_idx" ON "OverviewDay"("day");

-- AddForeignKey
ALTER TABLE "OverviewCell" ADD CONSTRAINT "OverviewCell_scope_timezone_day_fkey" FOREIGN KEY ("scope", "timezone", "day") REFERENCES "OverviewDay"("scope", "timezone", "day") ON DELETE CASCADE ON UPDATE CASCADE;

-- A change to reports of a closed day deletes that day's kept overview figures (every scope and
-- time zone: a day ±1 covers any zone), so they are computed again. Reports of the last day are
-- never kept, so the writes of intake and analysis (today's reports) do nothing here. The shared
-- lock pairs with the exclusive one a computation takes (db/read-models/overview.ts): a change
-- in flight while a day is computed deletes what that computation keeps once it commits.
CREATE OR REPLACE FUNCTION "pulse_overview_days_changed"() RETURNS trigger AS $$
DECLARE
  lo timestamp;
  hi timestamp;
  closed timestamp := (now() AT TIME ZONE 'UTC') - interval '1 day';
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT min(n."createdAt"), max(n."createdAt") INTO lo, hi FROM new_rows n WHERE n."createdAt" < closed;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT min(o."createdAt"), max(o."createdAt") INTO lo, hi FROM old_rows o WHERE o."createdAt" < closed;
  ELSE
    SELECT min(least(o."createdAt", n."createdAt")), max(greatest(o."createdAt", n."createdAt")) INTO lo, hi
      FROM old_rows o JOIN new_rows n ON n.id = o.id
     WHERE least(o."createdAt", n."createdAt") < closed
       AND (o.status, o."createdAt", o."unitId", o."memberId", o.mood, o."finalMood", o."topicSlug", o."chosenTopic")
           IS DISTINCT FROM (n.status, n."createdAt", n."unitId", n."memberId", n.mood, n."finalMood", n."topicSlug", n."chosenTopic");
  END IF;
  IF lo IS NOT NULL THEN
    PERFORM pg_advisory_xact_lock_shared(5264643, 0);
    DELETE FROM "OverviewDay" WHERE "day" BETWEEN lo::date - 1 AND hi::date + 1;
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER "Report_overview_days_insert" AFTER INSERT ON "Report"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "pulse_overview_days_changed"();
CREATE TRIGGER "Report_overview_days_update" AFTER UPDATE ON "Report"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "pulse_overview_days_changed"();
CREATE TRIGGER "Report_overview_days_delete" AFTER DELETE ON "Report"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "pulse_overview_days_changed"();

-- A scope is a subtree: when the tree changes, every kept day is computed again.
CREATE OR REPLACE FUNCTION "pulse_overview_tree_changed"() RETURNS trigger AS $$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(5264643, 0);
  DELETE FROM "OverviewDay";
  RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER "UnitClosure_overview_days" AFTER INSERT OR UPDATE OR DELETE ON "UnitClosure"
  FOR EACH STATEMENT EXECUTE FUNCTION "pulse_overview_tree_changed"();
