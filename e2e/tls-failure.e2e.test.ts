import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Pebble } from "@pier/acme/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { httpsGet, startPierWithPebble, type Domain } from "./support/acme-pier.js";
import { CLI, type RunningPier } from "./support/pier.js";
import { runOk } from "./support/run.js";

/** pebble-challtestsrv's management API: makes a name's DNS lookups fail (SERVFAIL) or resolve again. */
async function challtestsrv(pebble: Pebble, action: "set-servfail" | "clear-servfail", host: string): Promise<void> {
  const res = await fetch(`${pebble.dnsManagementUrl}/${action}`, { method: "POST", body: JSON.stringify({ host }) });
  if (!res.ok) throw new Error(`challtestsrv ${action} ${host}: HTTP ${res.status} ${await res.text()}`);
}

/**
 * A certificate failure that recovers, as a user sees it: a custom domain whose DNS does not
 * resolve yet is shown `failing` with the CA's reason; once DNS is fixed the worker's retry
 * (backoff base shortened to 2 s via PIER_ACME_RETRY_BASE) gets it `issued` and HTTPS is served.
 */
describe("automatic TLS: a failing certificate recovers through retry", () => {
  let pebble: Pebble;
  let pier: RunningPier;
  let repo: string;
  let root: string;
  const app = `tlsfail-${process.pid}`;
  const custom = `www.tlsfail-${process.pid}.test`;
  const pier_ = (...args: string[]) => runOk([process.execPath, CLI, ...args], { cwd: repo, env: pier.env });
  const domain = async () => (JSON.parse((await pier_("domains", "--json")).stdout) as Domain[]).find((d) => d.hostname === custom);
  async function until(what: string, ms: number, done: (d: Domain | undefined) => boolean): Promise<Domain | undefined> {
    const deadline = Date.now() + ms;
    let seen = await domain();
    while (!done(seen)) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last seen ${JSON.stringify(seen)}\n${pier.output().slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 500));
      seen = await domain();
    }
    return seen;
  }

  beforeAll(async () => {
    ({ pebble, pier, root } = await startPierWithPebble("tlsfail", { PIER_ACME_RETRY_BASE: "2" }));
    repo = await mkdtemp(join(tmpdir(), "pier-e2e-tlsfail-repo-"));
    await runOk(["git", "init", "-q", "-b", "main"], { cwd: repo });
  }, 240_000);
  afterAll(async () => {
    await pier?.stop();
    await pebble?.stop();
  });

  it("shows the domain failing with a reason while its name does not resolve", async () => {
    await challtestsrv(pebble, "set-servfail", custom);
    await pier_("apps:create", app);
    expect((await pier_("domains:add", custom)).stdout).toContain(`Added ${custom} to ${app}`);
    const failing = await until(`${custom} to be failing`, 90_000, (d) => d?.acm_status === "failing");
    expect(failing?.acm_status_reason).toBeTruthy();
    console.log(`failing reason: ${failing?.acm_status_reason}`);
    expect((await pier_("domains")).stdout).toContain(`failing (${failing?.acm_status_reason}`);
  }, 120_000);

  it("becomes issued through the retry once DNS is fixed, and serves HTTPS", async () => {
    await challtestsrv(pebble, "clear-servfail", custom);
    const fixedAt = Date.now();
    await until(`${custom} to be issued`, 90_000, (d) => d?.acm_status === "issued");
    console.log(`issued ${((Date.now() - fixedAt) / 1000).toFixed(1)} s after the DNS fix`);
    // Nothing wakes the worker when DNS changes: only the backoff's retry can have ordered it.
    expect(pier.output()).toContain(`certificate for ${custom} issued (retry)`);
    const deadline = Date.now() + 10_000;
    let res = await httpsGet(pier.httpsPort, custom, root).catch((err: Error) => ({ status: 0, body: err.message, issuer: "" }));
    while (res.status === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      res = await httpsGet(pier.httpsPort, custom, root).catch((err: Error) => ({ status: 0, body: err.message, issuer: "" }));
    }
    expect(res.status).toBe(503);
    expect(res.body).toContain(`<code>${custom}</code>`);
    expect(res.issuer).toMatch(/Pebble/i);
  }, 120_000);
});
