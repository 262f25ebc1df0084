// First: stand-ins for modules dockerode and ssh2 load but Pier does not use (see the module).
import "@pier/docker/defer-unused-modules";
import { chmod, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { loadConfigOrExit } from "@pier/config";
import { createPrisma } from "@pier/db";
import { createBuildQueue, createRedis, createReleaseQueue } from "@pier/queue";
import { bootstrapAdmin, installationId, localEngine, secretKey } from "@pier/use-cases";
import { buildServer } from "./server.js";
import { startRendezvousEndpoint } from "./rendezvous/start.js";
import { startSshEndpoint } from "./ssh/start.js";

const config = loadConfigOrExit("api");
const prisma = createPrisma(config.databaseUrl);
const redis = createRedis(config.redisUrl);
const buildQueue = createBuildQueue(createRedis(config.redisUrl, { blocking: true }));
const releaseQueue = createReleaseQueue(createRedis(config.redisUrl, { blocking: true }));
// The config-var key is made at first start (unless the operator gave one), not at first use.
await secretKey(config);

const admin = await bootstrapAdmin({ email: config.adminEmail }, { prisma });
if (admin.token) {
  const file = join(config.dataDir, "admin-token");
  await mkdir(config.dataDir, { recursive: true });
  await writeFile(file, `${admin.token}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  process.stdout.write(`pier api: created admin ${admin.email}; API token (shown once, also in ${file}):\n${admin.token}\n`);
}

// One-offs (`pier run`) are started by the API on the local engine (or reached through it).
const engineDeps = { prisma, redis, config, docker: localEngine(config), installationId: await installationId({ prisma }) };
const server = buildServer({ ...engineDeps, buildQueue, releaseQueue }, { logger: true });
let closeEndpoints = async () => {};
const shutdown = async () => {
  await Promise.all([server.close(), closeEndpoints()]);
  await Promise.allSettled([buildQueue.close(), releaseQueue.close(), redis.quit(), prisma.$disconnect()]);
  process.exit(0);
};
process.once("SIGTERM", shutdown);
process.once("SIGINT", shutdown);
await server.listen({ host: config.apiHost, port: config.apiPort });
const say = (line: string) => process.stdout.write(`pier api: ${line}\n`);
const closers = await Promise.all([startSshEndpoint({ prisma, redis, config }, say), startRendezvousEndpoint(engineDeps, say)]);
closeEndpoints = async () => void (await Promise.all(closers.map((close) => close())));
