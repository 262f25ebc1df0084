import { createServer, type AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { listenBesideApi } from "./listen-beside-api.js";

describe("listenBesideApi", () => {
  it("listens and closes; a port that is taken turns only that endpoint off, saying what to set", async () => {
    const lines: string[] = [];
    const first = createServer();
    const close = await listenBesideApi(first, { what: "thing", port: 0, host: "127.0.0.1", portVariable: "PIER_THING_PORT", log: (l) => lines.push(l) });
    const port = (first.address() as AddressInfo).port;
    const closeSecond = await listenBesideApi(createServer(), { what: "thing", port, host: "127.0.0.1", portVariable: "PIER_THING_PORT", log: (l) => lines.push(l) });
    expect(lines).toEqual(["thing on port 0", `thing is OFF: cannot listen on port ${port} (EADDRINUSE); set PIER_THING_PORT to a free port and restart`]);
    await closeSecond();
    await close();
    expect(first.listening).toBe(false);
  });
});
