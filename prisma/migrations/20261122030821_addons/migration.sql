-- CreateEnum
CREATE TYPE "AddonKind" AS ENUM ('postgres', 'redis', 'mysql');

-- CreateEnum
CREATE TYPE "AddonState" AS ENUM ('provisioning', 'available', 'failed', 'destroyed');

-- CreateTable
CREATE TABLE "Addon" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "AddonKind" NOT NULL,
    "plan" TEXT NOT NULL,
    "appId" UUID,
    "state" "AddonState" NOT NULL DEFAULT 'provisioning',
    "containerName" TEXT NOT NULL,
    "volumeName" TEXT NOT NULL,
    "hostId" UUID,
    "username" TEXT NOT NULL,
    "passwordSealed" TEXT NOT NULL,
    "databaseName" TEXT NOT NULL,
    "version" TEXT,
    "error" TEXT,
    "destroyedAt" TIMESTAMP(3),
    "purgeAfter" TIMESTAMP(3),
    "purgedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Addon_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AddonAttachment" (
    "id" UUID NOT NULL,
    "addonId" UUID NOT NULL,
    "appId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AddonAttachment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Addon_name_key" ON "Addon"("name");

-- CreateIndex
CREATE INDEX "Addon_appId_idx" ON "Addon"("appId");

-- CreateIndex
CREATE INDEX "Addon_state_idx" ON "Addon"("state");

-- CreateIndex
CREATE INDEX "AddonAttachment_addonId_idx" ON "AddonAttachment"("addonId");

-- CreateIndex
CREATE UNIQUE INDEX "AddonAttachment_appId_name_key" ON "AddonAttachment"("appId", "name");

-- AddForeignKey
ALTER TABLE "Addon" ADD CONSTRAINT "Addon_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Addon" ADD CONSTRAINT "Addon_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AddonAttachment" ADD CONSTRAINT "AddonAttachment_addonId_fkey" FOREIGN KEY ("addonId") REFERENCES "Addon"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AddonAttachment" ADD CONSTRAINT "AddonAttachment_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App"("id") ON DELETE CASCADE ON UPDATE CASCADE;
