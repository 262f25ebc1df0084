import { execFile } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

// require's cache is per process and vitest may have loaded dockerode already: a plain node
// process loads the built module first (as the API and the worker do), then dockerode and ssh2.

const run = promisify(execFile);
const dist = pathToFileURL(fileURLToPath(new URL("../dist/defer-unused-modules.js", import.meta.url))).href;

const script = `
await import(${JSON.stringify(dist)});
const { createRequire } = await import("node:module");
const require = createRequire(${JSON.stringify(import.meta.url)});
const loaded = (re) => Object.keys(require.cache).filter((k) => re.test(k)).length;
const Docker = require("dockerode");
const docker = new Docker({ socketPath: "/var/run/docker.sock" });
const afterDockerode = { ssh2: loaded(/node_modules\\/ssh2\\/lib\\/(index|client)\\.js$/), grpc: loaded(/@grpc\\//), version: (await docker.version()).ApiVersion !== undefined };
const ssh2 = require("ssh2");
await new Promise((resolve) => setTimeout(resolve, 50));
const wasm = process.memoryUsage().external;
const modemSsh = require.cache[require.resolve("docker-modem/lib/ssh.js", { paths: [require.resolve("dockerode")] })].exports;
const agent = modemSsh({ host: "127.0.0.1" });
console.log(JSON.stringify({ ...afterDockerode, server: typeof ssh2.Server, externalMB: Math.round(wasm / 1048576), agent: typeof agent.createConnection }));
`;

describe("defer-unused-modules", () => {
  it("dockerode works without loading ssh2 or gRPC; ssh2 works without its 16 MB WebAssembly heap; stand-ins load the real module on call", async () => {
    const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script]);
    const result = JSON.parse(stdout) as Record<string, unknown>;
    expect(result).toMatchObject({ ssh2: 0, grpc: 0, version: true, server: "function", agent: "function" });
    // ssh2's poly1305 module alone reserves 16 MB of WebAssembly memory, counted in external.
    expect(result.externalMB).toBeLessThan(8);
  });
});
