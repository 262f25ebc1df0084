import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consoleRoutes } from "./console.js";

const INDEX = '<!doctype html><script type="module" src="/console/assets/index-abc123.js"></script>';
const JS = `console.log(${JSON.stringify("x".repeat(5000))});`;

describe("consoleRoutes", () => {
  let dir: string;
  let app: FastifyInstance;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "pier-console-"));
    await mkdir(join(dir, "assets"));
    await writeFile(join(dir, "index.html"), INDEX);
    await writeFile(join(dir, "assets", "index-abc123.js"), JS);
    await writeFile(join(dir, "secret.txt"), "not an asset");
    app = Fastify();
    app.get("/apps/:app", async () => ({ api: true }));
    app.get("/account", async () => ({ api: true }));
    consoleRoutes(app, { dir });
  });

  afterAll(async () => {
    await app.close();
    await rm(dir, { recursive: true, force: true });
  });

  it.each(["/", "/console", "/console/", "/console/apps/shop", "/console/apps/shop/logs", "/console/sign-in"])(
    "serves index.html, never cached without revalidation, at %s",
    async (url) => {
      const res = await app.inject({ url });
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
      expect(res.headers["cache-control"]).toBe("no-cache");
      expect(res.body).toBe(INDEX);
    },
  );

  it("answers 304 to a revalidation with the same ETag", async () => {
    const first = await app.inject({ url: "/" });
    const again = await app.inject({ url: "/", headers: { "if-none-match": String(first.headers.etag) } });
    expect(again.statusCode).toBe(304);
  });

  it("serves hashed assets as immutable, gzipped when the client accepts it", async () => {
    const plain = await app.inject({ url: "/console/assets/index-abc123.js" });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(plain.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body).toBe(JS);
    const gz = await app.inject({ url: "/console/assets/index-abc123.js", headers: { "accept-encoding": "gzip, br" } });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gz.rawPayload).toString()).toBe(JS);
  });

  it.each(["/console/assets/nope-1.js", "/console/assets/..%2Fsecret.txt", "/console/assets/../secret.txt", "/console/assets/"])(
    "answers 404 for %s, never a file outside the assets",
    async (url) => {
      const res = await app.inject({ url });
      expect(res.body).not.toContain("not an asset");
      if (res.statusCode === 200) expect(res.body).toBe(INDEX); // a normalised path may land on a console page
      else expect(res.statusCode).toBe(404);
    },
  );

  it("leaves API paths to the API", async () => {
    expect((await app.inject({ url: "/apps/shop" })).json()).toEqual({ api: true });
    expect((await app.inject({ url: "/account" })).json()).toEqual({ api: true });
    expect((await app.inject({ url: "/shop.git/info/refs" })).statusCode).toBe(404);
  });

  it("registers without reading anything, and says how to fix a missing build", async () => {
    const bare = Fastify();
    consoleRoutes(bare, { dir: join(dir, "does-not-exist") });
    const res = await bare.inject({ url: "/console/apps" });
    expect(res.statusCode).toBe(503);
    expect(res.body).toMatch(/npm run build/);
    await bare.close();
  });
});
