-- AlterTable
ALTER TABLE "Addon" ADD COLUMN     "publishedPort" INTEGER;
