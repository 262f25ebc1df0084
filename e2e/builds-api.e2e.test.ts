import { createServer, type Server } from "node:http";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI, ROOT, startPier, viaRouter, type RunningPier } from "./support/pier.js";
import { runOk } from "./support/run.js";

/** Builds without git (Heroku Builds API), and the build commands of the CLI. */
describe("builds API and pier builds", () => {
  let pier: RunningPier;
  let blobs: Server;
  let blobUrl: string;
  const app = `blob-${process.pid}`;
  const auth = () => ({ Authorization: `Bearer ${pier.token}`, Accept: "application/vnd.heroku+json; version=3" });
  const pier_ = (...args: string[]) => runOk([process.execPath, CLI, ...args, "--app", app], { env: pier.env, cwd: tmpdir() });
  const waitFor = async (id: string) => {
    for (let i = 0; i < 600; i++) {
      const b = (await (await fetch(`${pier.apiUrl}/apps/${app}/builds/${id}`, { headers: auth() })).json()) as { status: string };
      if (b.status !== "pending") return b;
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error("build did not finish");
  };

  beforeAll(async () => {
    // The blob server is on loopback, which Pier refuses unless the operator allows it.
    pier = await startPier("builds-api", { PIER_SOURCE_URL_ALLOW: "127.0.0.1" });
    await runOk([process.execPath, CLI, "apps:create", app], { env: pier.env, cwd: tmpdir() });
    // A GitHub-style tarball: gzipped, everything under one top-level folder.
    const dir = await mkdtemp(join(tmpdir(), "pier-e2e-blob-"));
    const src = join(dir, "hello-main");
    await runOk(["cp", "-r", join(ROOT, "e2e/fixtures/flask-hello"), src]);
    await writeFile(join(src, "app.py"), (await readFile(join(src, "app.py"), "utf8")).replace("Pier v1", "a tarball"));
    await runOk(["tar", "-czf", join(dir, "source.tar.gz"), "-C", dir, "hello-main"]);
    const tarball = await readFile(join(dir, "source.tar.gz"));
    blobs = createServer((req, res) => (req.url === "/source.tar.gz" ? res.end(tarball) : res.writeHead(404).end()));
    await new Promise<void>((r) => blobs.listen(0, "127.0.0.1", r));
    blobUrl = `http://127.0.0.1:${(blobs.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    blobs?.close();
    await pier?.stop();
  });

  it("builds from source_blob.url and serves the result", async () => {
    const res = await fetch(`${pier.apiUrl}/apps/${app}/builds`, {
      method: "POST",
      headers: { ...auth(), "Content-Type": "application/json" },
      body: JSON.stringify({ source_blob: { url: `${blobUrl}/source.tar.gz`, version: "v1.0" } }),
    });
    expect(res.status).toBe(201);
    const build = (await res.json()) as { id: string; status: string; source_blob: { version: string }; output_stream_url: string };
    expect(build).toMatchObject({ status: "pending", source_blob: { version: "v1.0" } });
    expect((await waitFor(build.id)).status).toBe("succeeded");
    expect(await viaRouter(pier, `${app}.localhost`)).toEqual({ status: 200, body: "Hello from a tarball" });

    const output = await fetch(build.output_stream_url, { headers: auth() });
    expect(await output.text()).toMatch(/-----> Deployed v1/);
  });

  it("says why a source_blob.url cannot be used", async () => {
    const res = await fetch(`${pier.apiUrl}/apps/${app}/builds`, {
      method: "POST",
      headers: { ...auth(), "Content-Type": "application/json" },
      body: JSON.stringify({ source_blob: { url: `${blobUrl}/missing.tgz` } }),
    });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { message: string }).message).toMatch(/source_blob.url answered HTTP 404/);
  });

  it("refuses a source_blob.url the operator did not allow", async () => {
    const res = await fetch(`${pier.apiUrl}/apps/${app}/builds`, {
      method: "POST",
      headers: { ...auth(), "Content-Type": "application/json" },
      body: JSON.stringify({ source_blob: { url: `${blobUrl.replace("127.0.0.1", "localhost")}/source.tar.gz` } }),
    });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { message: string }).message).toBe(
      "source_blob.url's host localhost is not one this Pier downloads from: ask the operator to add it to PIER_SOURCE_URL_ALLOW",
    );
  });

  it("lists builds and prints one's output with the CLI", async () => {
    const list = await pier_("builds");
    expect(list.stdout).toMatch(/succeeded/);
    const id = /^([0-9a-f]{8}) /m.exec(list.stdout)?.[1];
    expect(id).toBeDefined();
    const out = await pier_("builds:output", id!);
    expect(out.stdout).toMatch(/Python app detected \(3.11\)[\s\S]*Deployed v1[\s\S]*Timings: queue/);
  });

  it("purges the build cache: the next build installs again", async () => {
    const purge = await pier_("builds:cache:purge", "--confirm", app);
    expect(purge.stdout).toMatch(/will be purged when its next build starts/);
    const res = await fetch(`${pier.apiUrl}/apps/${app}/builds`, {
      method: "POST",
      headers: { ...auth(), "Content-Type": "application/json" },
      body: JSON.stringify({ source_blob: { url: `${blobUrl}/source.tar.gz` } }),
    });
    const build = (await res.json()) as { id: string };
    expect((await waitFor(build.id)).status).toBe("succeeded");
    const out = await pier_("builds:output", build.id);
    expect(out.stdout).toMatch(/Build cache purged/);
    expect(out.stdout).toMatch(/Installing requirements.txt/);
  });
});
