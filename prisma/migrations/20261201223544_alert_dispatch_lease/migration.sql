-- AlterTable
ALTER TABLE "Alert" ADD COLUMN     "dispatchingUntil" TIMESTAMP(3);
