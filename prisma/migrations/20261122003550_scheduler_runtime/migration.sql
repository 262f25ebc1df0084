-- AlterTable
ALTER TABLE "Host" ADD COLUMN     "heartbeatError" TEXT,
ADD COLUMN     "tlsCa" TEXT,
ADD COLUMN     "tlsCert" TEXT,
ADD COLUMN     "tlsKey" TEXT;

-- AlterTable
ALTER TABLE "Instance" ADD COLUMN     "command" JSONB,
ADD COLUMN     "restartAt" TIMESTAMP(3),
ADD COLUMN     "size" TEXT NOT NULL DEFAULT 'basic',
ADD COLUMN     "startedAt" TIMESTAMP(3);
