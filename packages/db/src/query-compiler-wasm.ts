import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

// Prisma's generated client loads its query compiler (a 1.9 MB WebAssembly module) by importing
// an ES module that exports it base64-encoded. An imported module stays loaded: each process kept
// its 2.5 MB source text and the 2.5 MB string it exports in the V8 heap for good (~5 MB in the API
// and in the worker). Reading the same file and compiling it leaves only the compiled module.

const require = createRequire(import.meta.url);
const BASE64_MODULE = "@prisma/client/runtime/query_compiler_bg.postgresql.wasm-base64.js";
// Pier's TypeScript libs do not declare WebAssembly (no DOM lib); the runtime has it.
type WasmModule = object;
const { WebAssembly } = globalThis as unknown as { WebAssembly: { Module: new (bytes: Uint8Array) => WasmModule } };

/** The PostgreSQL query compiler of the installed @prisma/client, compiled. */
export function compileQueryCompiler(): WasmModule {
  const file = require.resolve(BASE64_MODULE);
  const match = /^const wasm = "([A-Za-z0-9+/=]+)"/.exec(readFileSync(file, "utf8"));
  if (!match) {
    throw new Error(`${file} does not start with const wasm = "<base64>" as @prisma/client 6.19 ships it: update packages/db/src/query-compiler-wasm.ts for this Prisma version`);
  }
  return new WebAssembly.Module(Buffer.from(match[1]!, "base64"));
}

type CompilerWasm = { getQueryCompilerWasmModule: () => Promise<WasmModule> };

export const leanQueryCompilerLoader = async (): Promise<WasmModule> => compileQueryCompiler();

/**
 * Points a new client's loader at compileQueryCompiler. The loader sits in the configuration the
 * generated client hands to Prisma's runtime (`_engineConfig.compilerWasm`, the same object for
 * every client); the runtime calls it once per process, at the first query.
 */
export function useLeanQueryCompiler(client: object): void {
  const compilerWasm = (client as { _engineConfig?: { compilerWasm?: CompilerWasm } })._engineConfig?.compilerWasm;
  if (!compilerWasm) throw new Error("Prisma's client has no _engineConfig.compilerWasm: update packages/db/src/query-compiler-wasm.ts for this Prisma version");
  compilerWasm.getQueryCompilerWasmModule = leanQueryCompilerLoader;
}
