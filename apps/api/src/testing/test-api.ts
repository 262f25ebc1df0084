import { parseConfig, type PierConfig } from "@pier/config";
import { createPrisma, type PrismaClient } from "@pier/db";
import { createTestDatabase } from "@pier/db/testing";
import { createBuildQueue, createRedis, createReleaseQueue } from "@pier/queue";
import { bootstrapAdmin, generateToken, hashPassword, hashToken, installationId, localEngine } from "@pier/use-cases";
import type { FastifyInstance } from "fastify";
import { buildServer, type ApiDeps } from "../server.js";

export interface TestApi {
  server: FastifyInstance;
  prisma: PrismaClient;
  config: PierConfig;
  deps: ApiDeps;
  /** The admin made at first start. */
  adminToken: string;
  /** A plain user with a password and a token. */
  addUser(email: string, opts?: { password?: string; admin?: boolean }): Promise<{ id: string; token: string }>;
  close(): Promise<void>;
}

/**
 * The API (through app.inject) on a fresh database, Redis db 15 and its own data directory, for
 * integration tests. Queues exist but no worker consumes them unless the test starts one.
 */
export async function startTestApi(prefix: string, env: Record<string, string> = {}): Promise<TestApi> {
  const db = await createTestDatabase({ prefix });
  const config = parseConfig({ DATABASE_URL: db.url, REDIS_URL: "redis://127.0.0.1:6379/15", PIER_DATA_DIR: `/tmp/${prefix}-${process.pid}`, ...env });
  const prisma = createPrisma(db.url);
  const redis = createRedis(config.redisUrl);
  const queueRedis = createRedis(config.redisUrl, { blocking: true });
  const buildQueue = createBuildQueue(queueRedis);
  const releaseQueue = createReleaseQueue(queueRedis);
  const deps: ApiDeps = { prisma, redis, config, buildQueue, releaseQueue, docker: localEngine(config), installationId: await installationId({ prisma }) };
  const server = buildServer(deps);
  await server.ready();
  const adminToken = (await bootstrapAdmin({ email: "admin@example.com" }, { prisma })).token!;
  return {
    server,
    prisma,
    config,
    deps,
    adminToken,
    async addUser(email, opts = {}) {
      const token = generateToken();
      const user = await prisma.user.create({
        data: {
          email,
          isAdmin: opts.admin ?? false,
          passwordHash: opts.password ? await hashPassword(opts.password) : null,
          tokens: { create: { name: "test", tokenHash: hashToken(token) } },
        },
      });
      return { id: user.id, token };
    },
    async close() {
      await server.close();
      await Promise.allSettled([buildQueue.close(), releaseQueue.close()]);
      queueRedis.disconnect();
      redis.disconnect();
      await prisma.$disconnect();
      await db.drop();
    },
  };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
