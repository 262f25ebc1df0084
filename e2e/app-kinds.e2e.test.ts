import { gunzipSync } from "node:zlib";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPier, viaRouter, type RunningPier } from "./support/pier.js";
import { fixtureRepo } from "./support/push-app.js";
import { routerRequest } from "./support/router-request.js";

/** Each kind of app Pier builds, pushed with git and served through the router. */
describe("app kinds: pushed with git, built, served through the router", () => {
  let pier: RunningPier;
  const name = (kind: string) => `${kind}-${process.pid}`;

  beforeAll(async () => {
    pier = await startPier("kinds");
  });
  afterAll(async () => {
    await pier?.stop();
  });

  const served: [string, string, RegExp, string][] = [
    ["fastapi-hello", "fastapi", /Python app detected \(3.11\)/, "Hello from FastAPI"],
    ["uv-hello", "uvlock", /Installing uv.lock and gunicorn with pip/, "Hello from uv.lock"],
    ["django-hello", "django", /Collecting static files/, "Hello from Django"],
    ["node-hello", "node", /Node.js app detected \(18, npm\)/, "Hello from Node (1m, dev dependencies pruned)"],
    ["yarn-hello", "yarn", /Node.js app detected \(18, yarn\)/, "Hello from Node with yarn (1m, dev dependencies pruned)"],
    ["pnpm-hello", "pnpm", /Node.js app detected \(18, pnpm\)/, "Hello from Node with pnpm (1m, dev dependencies pruned)"],
    ["dockerfile-hello", "docker", /Dockerfile app detected/, "Hello from a Dockerfile"],
    ["static-site", "static", /Static site app detected/, ""],
  ];
  it.each(served)("%s", async (fixture, kind, announced, body) => {
    const repo = await fixtureRepo(pier, fixture, name(kind));
    const push = await repo.push();
    expect(push.code, push.stderr).toBe(0);
    expect(push.stderr).toMatch(announced);
    const res = await viaRouter(pier, repo.host);
    expect(res.status).toBe(200);
    if (body) expect(res.body).toBe(body);
  });

  it("serves Django's collected static files with a type, gzip and cache headers", async () => {
    const res = await routerRequest(pier, `${name("django")}.localhost`, "/static/site.css", { "Accept-Encoding": "gzip" });
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("text/css; charset=utf-8");
    expect(res.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(res.body).toString()).toContain("body { color: #333; }");
  });

  it("serves a static site with types, compression, ETag and cache headers", async () => {
    const host = `${name("static")}.localhost`;
    const page = await routerRequest(pier, host, "/");
    expect(page.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(page.headers["cache-control"]).toBe("no-cache");
    expect(page.body.toString()).toContain("Hello from a static site");
    const css = await routerRequest(pier, host, "/style.css", { "Accept-Encoding": "gzip, br" });
    expect(css.headers["content-type"]).toBe("text/css; charset=utf-8");
    expect(css.headers["content-encoding"]).toBe("gzip");
    expect(css.headers["cache-control"]).toMatch(/max-age=/);
    expect(gunzipSync(css.body).toString()).toContain("font-family");
    const again = await routerRequest(pier, host, "/style.css", { "If-None-Match": String(css.headers.etag) });
    expect(again.status).toBe(304);
    expect((await routerRequest(pier, host, "/missing.css")).status).toBe(404);
  });

  it.each<[string, Record<string, string>, RegExp]>([
    ["two Python package managers", { "Pipfile.lock": "{}" }, /Found files of 2 Python package managers \(requirements.txt, Pipfile.lock\): keep one/],
    ["a Python version the stack does not have", { "runtime.txt": "python-3.8.10\n" }, /runtime.txt asks for Python 3.8, which is not available: this Pier provides Python 3.11/],
    ["a Dockerfile whose FROM is not on the host", { Dockerfile: "FROM nosuch/image:1\n" }, /Dockerfile build failed: .*FROM must name an image already on the host/],
  ])("rejects a push with %s, naming the cause", async (_what, files, error) => {
    const repo = await fixtureRepo(pier, "flask-hello", name(`bad${_what.length}`));
    for (const [path, text] of Object.entries(files)) await writeFile(join(repo.dir, path), text);
    const push = await repo.push();
    expect(push.code).not.toBe(0);
    expect(push.stderr).toMatch(error);
    expect(push.stderr).toMatch(/pre-receive hook declined/);
  });
});
