import { describe, expect, it } from "vitest";
import { createPrisma } from "./client.js";
import { compileQueryCompiler, leanQueryCompilerLoader } from "./query-compiler-wasm.js";
import { createTestDatabase } from "./testing.js";

type Runtime = { _engineConfig: { compilerWasm: { getQueryCompilerWasmModule: unknown } } };
const { WebAssembly } = globalThis as unknown as { WebAssembly: { Module: { exports(m: object): { name: string }[] } } };

describe("the query compiler, read from Prisma's file instead of imported", () => {
  it("compiles the installed @prisma/client's PostgreSQL query compiler", () => {
    const names = WebAssembly.Module.exports(compileQueryCompiler()).map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(["memory", "__wbindgen_start"]));
  });

  it("is the loader of every client createPrisma makes, and queries run with it", async () => {
    const db = await createTestDatabase({ prefix: "pier_qc" });
    const prisma = createPrisma(db.url);
    try {
      expect((prisma as unknown as Runtime)._engineConfig.compilerWasm.getQueryCompilerWasmModule).toBe(leanQueryCompilerLoader);
      expect(await prisma.host.count()).toBe(0);
    } finally {
      await prisma.$disconnect();
      await db.drop();
    }
  });
});
