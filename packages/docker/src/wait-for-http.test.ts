import { createServer, type Server } from "node:http";
import { createServer as createTcpServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { waitForHttp } from "./wait-for-http.js";

// Loopback only: these exercise the poll loop against real sockets without Docker.
const servers: { close(): void }[] = [];
afterEach(() => servers.splice(0).forEach((s) => s.close()));

function listen(server: Server | ReturnType<typeof createTcpServer>): Promise<number> {
  servers.push(server);
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as { port: number }).port)));
}

async function freePort(): Promise<number> {
  const s = createTcpServer();
  const port = await new Promise<number>((resolve) => s.listen(0, "127.0.0.1", () => resolve((s.address() as { port: number }).port)));
  await new Promise((r) => s.close(r));
  return port;
}

describe("waitForHttp", () => {
  it("resolves on any HTTP response, even a 500", async () => {
    const port = await listen(createServer((_req, res) => res.writeHead(500).end()));
    await expect(waitForHttp({ host: "127.0.0.1", port, timeoutMs: 2000 })).resolves.toBeUndefined();
  });

  it("keeps trying until the server starts listening", async () => {
    const port = await freePort();
    setTimeout(() => {
      const s = createServer((_req, res) => res.end("ok"));
      servers.push(s);
      s.listen(port, "127.0.0.1");
    }, 300);
    await expect(waitForHttp({ host: "127.0.0.1", port, timeoutMs: 5000 })).resolves.toBeUndefined();
  });

  it("rejects on timeout, naming the address and the last error", async () => {
    const port = await freePort();
    await expect(waitForHttp({ host: "127.0.0.1", port, timeoutMs: 400 })).rejects.toThrow(
      new RegExp(`No HTTP response from http://127.0.0.1:${port}/ within 0.4 s \\(last error: .*ECONNREFUSED`),
    );
  });

  it("rejects at once when isAlive says the process is gone, with whyDead's reason", async () => {
    const port = await freePort();
    const started = Date.now();
    await expect(
      waitForHttp({ host: "127.0.0.1", port, timeoutMs: 30_000, isAlive: async () => false, whyDead: async () => "exit code 3" }),
    ).rejects.toThrow(`http://127.0.0.1:${port}/ will not answer: exit code 3`);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("gives up on a server that accepts but never answers", async () => {
    const tcp = createTcpServer(() => undefined);
    const port = await listen(tcp);
    await expect(waitForHttp({ host: "127.0.0.1", port, timeoutMs: 500 })).rejects.toThrow(/no response within/);
  });
});
