-- AlterTable
ALTER TABLE "Survey" ADD COLUMN     "audienceRoles" "Role"[],
ADD COLUMN     "audienceUnitIds" INTEGER[],
ADD COLUMN     "closedAt" TIMESTAMP(3),
ADD COLUMN     "intro" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "introEn" TEXT,
ADD COLUMN     "paidBroadcast" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "plannedAt" TIMESTAMP(3),
ADD COLUMN     "remindAt" TIMESTAMP(3),
ADD COLUMN     "remindedAt" TIMESTAMP(3),
ADD COLUMN     "titleEn" TEXT;

-- AlterTable
ALTER TABLE "SurveyQuestion" ADD COLUMN     "maxLength" INTEGER,
ADD COLUMN     "optionsEn" TEXT[],
ADD COLUMN     "required" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "textEn" TEXT;

-- AlterTable
ALTER TABLE "SurveyRecipient" ADD COLUMN     "activeAt" TIMESTAMP(3),
ADD COLUMN     "position" INTEGER,
ADD COLUMN     "progress" JSONB,
ADD COLUMN     "reached" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "unitId" INTEGER NOT NULL;

-- AlterTable
ALTER TABLE "SurveyResponse" DROP CONSTRAINT "SurveyResponse_pkey",
ADD COLUMN     "unitId" INTEGER NOT NULL,
ADD COLUMN     "updatedAt" TIMESTAMP(3),
ALTER COLUMN "id" DROP DEFAULT,
ALTER COLUMN "id" SET DATA TYPE TEXT,
ALTER COLUMN "createdAt" DROP NOT NULL,
ALTER COLUMN "createdAt" DROP DEFAULT,
ADD CONSTRAINT "SurveyResponse_pkey" PRIMARY KEY ("id");
DROP SEQUENCE "SurveyResponse_id_seq";

-- CreateIndex
CREATE INDEX "Survey_status_opensAt_idx" ON "Survey"("status", "opensAt");

-- CreateIndex
CREATE INDEX "SurveyRecipient_memberId_activeAt_idx" ON "SurveyRecipient"("memberId", "activeAt");

-- CreateIndex
CREATE INDEX "SurveyResponse_surveyId_unitId_idx" ON "SurveyResponse"("surveyId", "unitId");
