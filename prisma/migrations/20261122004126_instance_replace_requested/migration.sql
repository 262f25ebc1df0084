-- AlterTable
ALTER TABLE "Instance" ADD COLUMN     "replaceRequested" BOOLEAN NOT NULL DEFAULT false;
