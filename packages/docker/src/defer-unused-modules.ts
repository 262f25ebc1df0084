import { createRequire } from "node:module";
import { dirname, join } from "node:path";

// dockerode and docker-modem require, when they are loaded, modules Pier's processes do not use:
// gRPC + protobuf (BuildKit sessions, only for buildImage with version "2") and ssh2 (ssh://
// engines; Pier reaches engines over Unix sockets and TCP/TLS). ssh2 in turn instantiates a
// WebAssembly poly1305 with a 16 MB heap, a fallback for when its native binding is missing.
// Together ~13 MB resident in each process that imports dockerode, ~14 MB more where ssh2 is used
// (the API's SSH endpoint). Importing this module FIRST (before anything that imports dockerode)
// puts stand-ins into require's cache: the real module is loaded on first call, so nothing
// changes for a caller except when the memory is spent.

const require = createRequire(import.meta.url);
type Cache = Record<string, { id: string; filename: string; loaded: boolean; exports: unknown; children: unknown[]; paths: string[] }>;
const cache = require.cache as unknown as Cache;

function resolveFrom(fromFile: string, specifier: string): string | undefined {
  try {
    return createRequire(fromFile).resolve(specifier);
  } catch (error) {
    // A package layout this code does not know (e.g. another dockerode version): keep the eager load.
    if ((error as { code?: string }).code === "MODULE_NOT_FOUND") return undefined;
    throw error;
  }
}

function standIn(filename: string, exports: unknown): void {
  if (cache[filename]) return;
  cache[filename] = { id: filename, filename, loaded: true, exports, children: [], paths: [] };
}

/** A module whose export is one function: the stand-in loads the real module on its first call. */
function deferFunctionModule(filename: string | undefined): void {
  if (!filename) return;
  let real: ((...args: unknown[]) => unknown) | undefined;
  standIn(filename, function (this: unknown, ...args: unknown[]) {
    if (!real) {
      delete cache[filename];
      real = require(filename) as (...args: unknown[]) => unknown;
    }
    return real.apply(this, args);
  });
}

/**
 * ssh2's WebAssembly poly1305 serves chacha20-poly1305 only when the native binding lacks it
 * (crypto.js picks the binding unless an internal forceNative is set, which nothing sets). With
 * the binding present, the stand-in answers the module's start-up call without instantiating it.
 */
function skipPoly1305WasmWhenNative(ssh2Main: string | undefined): void {
  if (!ssh2Main) return;
  const crypto = join(dirname(ssh2Main), "protocol", "crypto");
  let binding: { ChaChaPolyCipher?: unknown; ChaChaPolyDecipher?: unknown } | undefined;
  try {
    binding = require(join(crypto, "build", "Release", "sshcrypto.node")) as typeof binding;
  } catch {
    binding = undefined; // not built on this machine: ssh2 uses the WebAssembly fallback, loaded as usual
  }
  if (!binding?.ChaChaPolyCipher || !binding.ChaChaPolyDecipher) return;
  const unused = () => {
    throw new Error("ssh2's WebAssembly poly1305 was not loaded because its native binding handles chacha20-poly1305");
  };
  standIn(join(crypto, "poly1305.js"), () => Promise.resolve({ _malloc: () => 0, cwrap: () => unused }));
}

const dockerode = resolveFrom(import.meta.url, "dockerode");
if (dockerode) {
  deferFunctionModule(resolveFrom(dockerode, "./session.js"));
  const modem = resolveFrom(dockerode, "docker-modem");
  if (modem) {
    deferFunctionModule(resolveFrom(modem, "./ssh.js"));
    skipPoly1305WasmWhenNative(resolveFrom(modem, "ssh2"));
  }
}
