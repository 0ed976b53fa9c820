-- The database says what must still happen (issue 15): a report analysed and not yet evaluated
-- for alerts has no `evaluatedAt`; the reconciler asks for its evaluation again. Reports
-- analysed before this column are taken as evaluated.

-- AlterTable
ALTER TABLE "Report" ADD COLUMN     "evaluatedAt" TIMESTAMP(3);
UPDATE "Report" SET "evaluatedAt" = "analysedAt" WHERE status = 'analysed';

-- CreateIndex
CREATE INDEX "Report_status_evaluatedAt_idx" ON "Report"("status", "evaluatedAt");
