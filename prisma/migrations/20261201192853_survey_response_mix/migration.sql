-- CreateTable
CREATE TABLE "SurveyResponseMix" (
    "id" TEXT NOT NULL,
    "surveyId" INTEGER NOT NULL,
    "respondentKey" TEXT NOT NULL,
    "unitId" INTEGER NOT NULL,
    "answers" JSONB NOT NULL,

    CONSTRAINT "SurveyResponseMix_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SurveyResponseMix_surveyId_respondentKey_key" ON "SurveyResponseMix"("surveyId", "respondentKey");
