-- CreateTable
CREATE TABLE "Installation" (
    "key" TEXT NOT NULL DEFAULT 'installation',
    "id" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Installation_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "Installation_id_key" ON "Installation"("id");
