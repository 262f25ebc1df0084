-- AlterTable
ALTER TABLE "Addon" ADD COLUMN     "attachAs" TEXT;
