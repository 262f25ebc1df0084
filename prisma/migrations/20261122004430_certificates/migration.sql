-- AlterTable
ALTER TABLE "App" ADD COLUMN     "httpsRedirect" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "Certificate" (
    "id" UUID NOT NULL,
    "appId" UUID NOT NULL,
    "hostname" TEXT NOT NULL,
    "certPem" TEXT,
    "keySealed" TEXT,
    "notBefore" TIMESTAMP(3),
    "notAfter" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastAttemptAt" TIMESTAMP(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Certificate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_hostname_key" ON "Certificate"("hostname");

-- CreateIndex
CREATE INDEX "Certificate_appId_idx" ON "Certificate"("appId");

-- AddForeignKey
ALTER TABLE "Certificate" ADD CONSTRAINT "Certificate_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App"("id") ON DELETE CASCADE ON UPDATE CASCADE;
