-- CreateTable
CREATE TABLE "LogDrain" (
    "id" UUID NOT NULL,
    "appId" UUID NOT NULL,
    "url" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LogDrain_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "LogDrain_token_key" ON "LogDrain"("token");

-- CreateIndex
CREATE UNIQUE INDEX "LogDrain_appId_url_key" ON "LogDrain"("appId", "url");

-- AddForeignKey
ALTER TABLE "LogDrain" ADD CONSTRAINT "LogDrain_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App"("id") ON DELETE CASCADE ON UPDATE CASCADE;
