-- AlterTable
ALTER TABLE "Instance" ADD COLUMN     "expiresAt" TIMESTAMP(3);
