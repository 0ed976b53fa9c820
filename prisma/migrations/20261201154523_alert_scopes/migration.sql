-- Alerts scoped to a subtree (issue 10). An alert now covers the reports of its issue group
-- inside its unit's subtree only (its scope), one live alert per (group, scope); a leader holds
-- one card per issue group (AlertCard) showing every live alert of the group in their subtree.
-- Existing alerts keep their unit as scope; existing recipients' messages become cards, so that
-- every open alert keeps its messages and goes on being edited and escalated. Reports that had
-- joined an alert of another subtree are evaluated again by the alerts worker at start
-- (app/alerts/reconcile.ts), so their own leaders get the alert they never had.

-- AlterTable
ALTER TABLE "Alert" ADD COLUMN     "coversFrom" TIMESTAMP(3);

-- One live alert per group and scope.
UPDATE "Alert" SET "openKey" = "openKey" || '-unit-' || "unitId" WHERE "openKey" IS NOT NULL;

-- What an existing alert covers starts where the group's previous alert closed.
UPDATE "Alert" a
   SET "coversFrom" = (SELECT max(p."closedAt") FROM "Alert" p
                        WHERE p."issueGroupId" = a."issueGroupId" AND p.id < a.id AND p."closedAt" IS NOT NULL)
 WHERE a."issueGroupId" IS NOT NULL;

-- CreateTable
CREATE TABLE "AlertCard" (
    "id" SERIAL NOT NULL,
    "subject" TEXT NOT NULL,
    "memberId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "chatId" BIGINT NOT NULL,
    "deliveryKey" TEXT,
    "messageId" INTEGER,
    "sentAt" TIMESTAMP(3),
    "liveKey" TEXT,
    "alertIds" INTEGER[],
    "sentVersion" TEXT,
    "lastEditId" INTEGER,
    "lastEditVersion" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "AlertCard_pkey" PRIMARY KEY ("id")
);

ALTER TABLE "AlertRecipient" ADD COLUMN "cardId" INTEGER;

-- Every recipient's message becomes that leader's card for the alert's group (one live alert per
-- group before this migration, so one live card per leader and group). Cards sent through the
-- delivery path keep the key of their delivery, so later edits still find the message.
INSERT INTO "AlertCard" ("subject", "memberId", "unitId", "chatId", "deliveryKey", "messageId", "sentAt", "liveKey", "alertIds", "createdAt", "closedAt")
SELECT s.subject, r."memberId", m."unitId", r."chatId",
       CASE WHEN r.step >= 0 THEN 'alert-' || a.id || '-m-' || r."memberId" END,
       r."messageId", r."sentAt",
       CASE WHEN a.status IN ('open', 'acknowledged') THEN s.subject || '-m-' || r."memberId" END,
       ARRAY[a.id], r."createdAt",
       CASE WHEN a.status IN ('open', 'acknowledged') THEN NULL ELSE COALESCE(a."closedAt", r."createdAt") END
  FROM "AlertRecipient" r
  JOIN "Alert" a ON a.id = r."alertId"
  JOIN "Member" m ON m.id = r."memberId"
  CROSS JOIN LATERAL (SELECT CASE WHEN a."issueGroupId" IS NULL THEN 'alert-' || a.id ELSE 'group-' || a."issueGroupId" END AS subject) s
 ORDER BY r.id;

UPDATE "AlertRecipient" r SET "cardId" = c.id
  FROM "AlertCard" c
 WHERE c."memberId" = r."memberId" AND c."alertIds" = ARRAY[r."alertId"];

-- The message now lives on the card.
ALTER TABLE "AlertRecipient" DROP COLUMN "messageId",
DROP COLUMN "sentAt";

-- CreateIndex
CREATE UNIQUE INDEX "AlertCard_deliveryKey_key" ON "AlertCard"("deliveryKey");

-- CreateIndex
CREATE UNIQUE INDEX "AlertCard_liveKey_key" ON "AlertCard"("liveKey");

-- CreateIndex
CREATE INDEX "AlertCard_subject_idx" ON "AlertCard"("subject");

-- CreateIndex
CREATE INDEX "AlertCard_memberId_idx" ON "AlertCard"("memberId");

-- CreateIndex
CREATE INDEX "AlertRecipient_cardId_idx" ON "AlertRecipient"("cardId");

-- AddForeignKey
ALTER TABLE "AlertRecipient" ADD CONSTRAINT "AlertRecipient_cardId_fkey" FOREIGN KEY ("cardId") REFERENCES "AlertCard"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertCard" ADD CONSTRAINT "AlertCard_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
