import { cp, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Pebble } from "@pier/acme/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { httpsGet, startPierWithPebble, type Domain } from "./support/acme-pier.js";
import { CLI, ROOT, viaRouter, type RunningPier } from "./support/pier.js";
import { runOk } from "./support/run.js";

/**
 * Automatic TLS as a user sees it, against a real ACME CA (pebble; its DNS answers 127.0.0.1 for
 * every name, so HTTP-01 validation reaches Pier's router): create an app, add a custom domain,
 * and both names get certificates that HTTPS requests with SNI verify against the CA's root.
 * Nothing is deployed (a build takes minutes on a loaded machine), so the router's own answer
 * for the app (503, no web processes) is what comes back over TLS; proxying to an app over HTTPS
 * is covered by the router's integration tests.
 */
describe("automatic TLS with a real ACME server", () => {
  let pebble: Pebble;
  let pier: RunningPier;
  let repo: string;
  let root: string;
  const app = `tls-${process.pid}`;
  const custom = `www.tls-${process.pid}.test`;
  const pier_ = (...args: string[]) => runOk([process.execPath, CLI, ...args], { cwd: repo, env: pier.env });
  const domains = async () => JSON.parse((await pier_("domains", "--json")).stdout) as Domain[];

  beforeAll(async () => {
    ({ pebble, pier, root } = await startPierWithPebble("tls"));
    repo = await mkdtemp(join(tmpdir(), "pier-e2e-tls-repo-"));
    await cp(join(ROOT, "e2e/fixtures/flask-hello"), repo, { recursive: true });
    await runOk(["git", "init", "-q", "-b", "main"], { cwd: repo });
    await runOk(["git", "add", "-A"], { cwd: repo });
    await runOk(["git", "-c", "user.name=E2E", "-c", "user.email=e2e@example.com", "commit", "-q", "-m", "first"], { cwd: repo });
  }, 240_000);
  afterAll(async () => {
    await pier?.stop();
    await pebble?.stop();
  });

  it("creates an app and adds a custom domain, routed at once", async () => {
    await pier_("apps:create", app);
    expect((await viaRouter(pier, custom)).status).toBe(404);
    expect((await pier_("domains:add", custom)).stdout).toContain(`Added ${custom} to ${app}`);
    expect((await viaRouter(pier, custom)).body).toContain("Application unavailable");
  }, 60_000);

  it("issues certificates for the default and the custom name, and serves HTTPS with SNI", async () => {
    const deadline = Date.now() + 90_000;
    let seen: Domain[] = [];
    while (Date.now() < deadline) {
      seen = await domains();
      if (seen.every((d) => d.acm_status === "issued")) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    expect(seen.map((d) => [d.hostname, d.acm_status])).toEqual([[`${app}.pier.test`, "issued"], [custom, "issued"]]);
    for (const name of [custom, `${app}.pier.test`]) {
      const res = await httpsGet(pier.httpsPort, name, root);
      expect(res.status).toBe(503);
      expect(res.body).toContain(`<code>${name}</code>`);
      expect(res.issuer).toMatch(/Pebble/i);
    }
  }, 120_000);

  it("redirects HTTP to HTTPS when switched on, and serves the maintenance page over HTTPS", async () => {
    await pier_("domains:https-redirect:on");
    const deadline = Date.now() + 5000;
    let status = 0;
    while (status !== 308 && Date.now() < deadline) status = (await viaRouter(pier, custom, "/x")).status;
    expect(status).toBe(308);
    await pier_("maintenance:on");
    let page = await httpsGet(pier.httpsPort, custom, root);
    for (let i = 0; i < 50 && !page.body.includes("maintenance mode"); i += 1) page = await httpsGet(pier.httpsPort, custom, root);
    expect(page.status).toBe(503);
    expect(page.body).toContain("maintenance mode");
    await pier_("maintenance:off");
    expect((await httpsGet(pier.httpsPort, custom, root)).body).toContain("no running web processes");
  }, 60_000);
});
