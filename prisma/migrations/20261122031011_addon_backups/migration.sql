-- CreateEnum
CREATE TYPE "AddonBackupState" AS ENUM ('pending', 'running', 'succeeded', 'failed');

-- CreateEnum
CREATE TYPE "AddonBackupTrigger" AS ENUM ('manual', 'scheduled');

-- CreateTable
CREATE TABLE "AddonBackup" (
    "id" UUID NOT NULL,
    "addonId" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "state" "AddonBackupState" NOT NULL DEFAULT 'pending',
    "trigger" "AddonBackupTrigger" NOT NULL DEFAULT 'manual',
    "target" TEXT NOT NULL DEFAULT 'local',
    "targetKey" TEXT NOT NULL,
    "sizeBytes" BIGINT,
    "sha256" TEXT,
    "error" TEXT,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AddonBackup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AddonBackupSchedule" (
    "addonId" UUID NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "hourUtc" INTEGER NOT NULL,
    "retain" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AddonBackupSchedule_pkey" PRIMARY KEY ("addonId")
);

-- CreateIndex
CREATE INDEX "AddonBackup_addonId_createdAt_idx" ON "AddonBackup"("addonId", "createdAt");

-- CreateIndex
CREATE INDEX "AddonBackup_state_idx" ON "AddonBackup"("state");

-- CreateIndex
CREATE UNIQUE INDEX "AddonBackup_addonId_number_key" ON "AddonBackup"("addonId", "number");

-- AddForeignKey
ALTER TABLE "AddonBackup" ADD CONSTRAINT "AddonBackup_addonId_fkey" FOREIGN KEY ("addonId") REFERENCES "Addon"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AddonBackupSchedule" ADD CONSTRAINT "AddonBackupSchedule_addonId_fkey" FOREIGN KEY ("addonId") REFERENCES "Addon"("id") ON DELETE CASCADE ON UPDATE CASCADE;
