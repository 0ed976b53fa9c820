-- Alert raise and escalation as a resumable state machine (issue 15): `dispatchedStep` is the
-- last step whose cards were all queued and whose next step was scheduled. An alert whose
-- `escalationStep` is ahead of it (or that has none yet) was interrupted mid-dispatch, and the
-- reconciler dispatches that step again (idempotently). Alerts raised before this column are
-- taken as dispatched.

-- AlterTable
ALTER TABLE "Alert" ADD COLUMN     "dispatchedStep" INTEGER;
UPDATE "Alert" SET "dispatchedStep" = "escalationStep";

-- CreateIndex
CREATE INDEX "Alert_status_nextEscalationAt_idx" ON "Alert"("status", "nextEscalationAt");
