import { createServer, type Server } from "node:http";
import { text } from "node:stream/consumers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchSourceBlob } from "./source-blob.js";

/** source_blob.url downloads against a real HTTP server on loopback (a private address). */
describe("fetchSourceBlob", () => {
  let server: Server;
  let base = "";
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === "/ok/source.tar") return res.end("tar bytes");
      if (req.url === "/ok/elsewhere") return res.writeHead(302, { Location: "/private/source.tar" }).end();
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const refusal = (url: string, allow: string[]) => fetchSourceBlob(url, allow).then(() => "fetched", (err: Error & { code?: string }) => `${err.code}: ${err.message}`);

  it("refuses loopback by default, by address or by a name that resolves there", async () => {
    expect(await refusal(`${base}/ok/source.tar`, [])).toMatch(/^invalid_params: source_blob.url's host 127.0.0.1 is a loopback address \(127.0.0.1\)/);
    expect(await refusal(`${base.replace("127.0.0.1", "localhost")}/ok/source.tar`, ["public"])).toMatch(/^invalid_params: source_blob.url's host localhost is a loopback address/);
  });

  it("downloads from a host or URL prefix the operator allowed", async () => {
    expect(await text(await fetchSourceBlob(`${base}/ok/source.tar`, ["127.0.0.1"]))).toBe("tar bytes");
    expect(await text(await fetchSourceBlob(`${base}/ok/source.tar`, [`${base}/ok/`]))).toBe("tar bytes");
  });

  it("checks redirects like the first URL", async () => {
    expect(await refusal(`${base}/ok/elsewhere`, [`${base}/ok/`])).toBe("invalid_params: source_blob.url's host 127.0.0.1 is not one this Pier downloads from: ask the operator to add it to PIER_SOURCE_URL_ALLOW");
  });

  it("says what the server answered", async () => {
    expect(await refusal(`${base}/missing.tgz`, ["127.0.0.1"])).toMatch(/^invalid_params: source_blob.url answered HTTP 404/);
  });
});
