import { createPrisma } from "@pier/db";
import { createTestDatabase, type TestDatabase } from "@pier/db/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { installationId } from "./installation.js";

let db: TestDatabase;
let prisma: ReturnType<typeof createPrisma>;
beforeAll(async () => {
  db = await createTestDatabase({ prefix: "pier_installation" });
  prisma = createPrisma(db.url);
});
afterAll(async () => {
  await prisma?.$disconnect();
  await db?.drop();
});

it("gives every caller the same id, even processes racing to make it", async () => {
  const clients = Array.from({ length: 8 }, () => createPrisma(db.url));
  const ids = await Promise.all(clients.map((client) => installationId({ prisma: client })));
  await Promise.all(clients.map((client) => client.$disconnect()));
  expect(new Set(ids).size).toBe(1);
  expect(await installationId({ prisma })).toBe(ids[0]);
});
