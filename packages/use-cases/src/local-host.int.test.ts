import { parseConfig } from "@pier/config";
import { createPrisma, type PrismaClient } from "@pier/db";
import { createTestDatabase } from "@pier/db/testing";
import { connectDocker } from "@pier/docker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureLocalHost } from "./local-host.js";

const docker = connectDocker(process.env.PIER_DOCKER_SOCKET ?? "/var/run/docker.sock");

describe("ensureLocalHost", () => {
  let db: { url: string; drop(): Promise<void> };
  let prisma: PrismaClient;
  const register = (env: Record<string, string> = {}) => ensureLocalHost({ prisma, docker, config: parseConfig({ DATABASE_URL: db.url, ...env }) });

  beforeAll(async () => {
    db = await createTestDatabase({ prefix: "pier_local_host" });
    prisma = createPrisma(db.url);
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await db?.drop();
  });

  it("registers the local engine with its capacity at 127.0.0.1, then at PIER_HOST_ADDRESS once set, kept when unset again", async () => {
    const first = await register();
    expect(first).toMatchObject({ name: "local", dockerUrl: "unix:///var/run/docker.sock", address: "127.0.0.1" });
    expect(first.cpus).toBeGreaterThan(0);
    expect(Number(first.memoryBytes)).toBeGreaterThan(0);
    expect((await register({ PIER_HOST_ADDRESS: "10.1.2.3" })).address).toBe("10.1.2.3");
    expect((await register()).address).toBe("10.1.2.3");
    expect(await prisma.host.count()).toBe(1);
  });
});
