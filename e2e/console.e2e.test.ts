import { cp, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, LAPTOP, PHONE, screenshot, trackRequests, waitForSettled } from "./support/browser.js";
import { countTexts, lowContrastTexts } from "./support/contrast.js";
import { freePort, ROOT, startPier, viaRouter, type RunningPier } from "./support/pier.js";
import { run, runOk } from "./support/run.js";

const shot = (page: Page, name: string) => screenshot(page, "console", name);

/** The page at laptop and phone widths (nothing may overflow sideways on the phone). */
async function shotBoth(page: Page, name: string): Promise<void> {
  await shot(page, name);
  await page.setViewportSize(PHONE);
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), `${name} overflows at phone width`).toBe(true);
  await shot(page, `${name}-phone`);
  await page.setViewportSize(LAPTOP);
}

/** Presses Tab until the focused element matches, as a keyboard user would (at most `max` presses). */
async function tabTo(page: Page, matches: (el: { text: string; tag: string }) => boolean, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const el = await page.evaluate(() => ({ text: (document.activeElement?.textContent ?? "").trim(), tag: document.activeElement?.tagName ?? "" }));
    if (matches(el)) return;
  }
  throw new Error(`Tab never reached the element after ${max} presses`);
}

/**
 * The web console as a person uses it, in Debian's Chromium against a whole running Pier: sign
 * in, create an app, watch a `git push` deploy appear and finish, then the app's other pages.
 */
describe("web console", () => {
  let pier: RunningPier;
  let browser: Browser;
  let page: Page;
  let repo: string;
  const app = `console-${process.pid}`;
  
  beforeAll(async () => {
    // git over SSH listens too; another test's Pier may hold the default port.
    process.env.PIER_SSH_PORT ??= String(await freePort());
    const prepareRepo = async () => {
      repo = await mkdtemp(join(tmpdir(), "pier-console-repo-"));
      await cp(join(ROOT, "e2e/fixtures/flask-hello"), repo, { recursive: true });
      const commit = (...args: string[]) => runOk(["git", ...args], { cwd: repo });
      await commit("init", "-q", "-b", "main");
      await commit("add", "-A");
      await commit("-c", "user.name=E2E", "-c", "user.email=e2e@example.com", "commit", "-q", "-m", "first");
    };
    // Independent of each other: Pier, Chromium and the repository start side by side.
    [pier, browser] = await Promise.all([startPier("console"), launchChromium(), prepareRepo()]);
    page = await browser.newPage({ viewport: LAPTOP });
    trackRequests(page);
  });

  afterAll(async () => {
    await browser?.close();
    await pier?.stop(); // also removes the destroyed add-on's volume, kept for a grace period by design
  });

  it("is served by the API: index.html revalidated, hashed assets cached for good", async () => {
    const index = await fetch(`${pier.apiUrl}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get("cache-control")).toBe("no-cache");
    const html = await index.text();
    const asset = /src="(\/console\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    const js = await fetch(`${pier.apiUrl}${asset}`);
    expect(js.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    // API paths stay the API's.
    expect((await fetch(`${pier.apiUrl}/apps`)).status).toBe(401);
  });

  it("asks for sign-in, refuses a wrong token, and signs in with a good one", async () => {
    await page.goto(`${pier.apiUrl}/`);
    await page.getByRole("heading", { name: /sign in to pier/i }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/console/sign-in");
    await shot(page, "01-sign-in");
    await page.getByLabel("API token").fill("not-a-token");
    await page.getByRole("button", { name: "Sign in with token" }).click();
    await page.getByRole("alert").filter({ hasText: /not accepted/ }).waitFor();
    await shot(page, "02-sign-in-error");
    expect(await lowContrastTexts(page)).toEqual([]);
    // By keyboard: the form submits with Enter.
    await page.getByLabel("API token").fill("");
    await page.getByLabel("API token").focus();
    await page.keyboard.type(pier.token);
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Apps", level: 1 }).waitFor();
  });

  it("shows the empty apps list, then creates an app from the form", async () => {
    await page.getByText("No apps yet.").waitFor();
    await shot(page, "03-apps-empty");
    await page.getByRole("link", { name: "Create your first app" }).click();
    await page.getByLabel("App name").fill(app);
    await page.getByRole("button", { name: "Create app" }).click();
    await page.getByRole("heading", { name: app, level: 1 }).waitFor();
    await page.getByText("Nothing deployed yet.").waitFor();
    expect(await page.locator("pre.code").first().textContent()).toContain(`${pier.apiUrl}/${app}.git`);
    await shot(page, "04-app-new");
  });

  it("shows a git push deploy appear, run and finish", async () => {
    await page.getByRole("link", { name: "Deploys", exact: true }).click();
    await page.getByText("No builds yet.").waitFor();
    // The page follows the app's event stream (it stops polling then): the build appears through it.
    await page.locator('[data-live="true"]').waitFor({ timeout: 30_000 });
    const remote = new URL(`${pier.apiUrl}/${app}.git`);
    remote.username = "console";
    remote.password = pier.token;
    const push = run(["git", "push", remote.toString(), "main"], { cwd: repo, env: pier.env });
    const row = page.locator("li[data-build]").first();
    await row.waitFor({ timeout: 120_000 });
    if ((await row.getAttribute("data-status")) === "pending") await shot(page, "05-deploy-running");
    const pushed = await push;
    expect(pushed.code, pushed.stderr).toBe(0);
    await page.locator('li[data-build][data-status="succeeded"]').waitFor({ timeout: 30_000 });
    await shot(page, "06-deploys");
    await row.getByRole("link").click();
    await page.getByRole("heading", { name: /^Build / }).waitFor();
    await page.getByRole("log", { name: "Build output" }).getByText(/app detected/i).waitFor();
    await shot(page, "07-build");
  });

  it("shows the app running in the overview and the apps list, at laptop and phone widths", async () => {
    await page.goto(`${pier.apiUrl}/console/apps/${app}`);
    await page.getByRole("heading", { name: "Current release" }).waitFor();
    await page.locator('h1 [data-status="running"]').waitFor();
    await shot(page, "08-app-overview");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Apps" }).click();
    const appRow = page.locator(`tr[data-app="${app}"]`);
    await appRow.locator('[data-status="running"]').waitFor();
    await shot(page, "09-apps");
    await page.setViewportSize(PHONE);
    await shot(page, "10-apps-phone");
    await page.goto(`${pier.apiUrl}/console/apps/${app}`);
    await page.getByRole("heading", { name: "Current release" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    await shot(page, "11-app-overview-phone");
    await page.setViewportSize(LAPTOP);
  });

  it("charts the app's traffic and instances", async () => {
    const app_ = (await (await fetch(`${pier.apiUrl}/apps/${app}`, { headers: { Authorization: `Bearer ${pier.token}` } })).json()) as { web_url: string };
    const host = new URL(app_.web_url).hostname;
    for (let i = 0; i < 30; i++) expect((await viaRouter(pier, host)).status).toBe(200);
    await page.goto(`${pier.apiUrl}/console/apps/${app}/metrics`);
    const requests = page.locator('figure[data-chart="Requests"]');
    // The router adds its counters to Redis every few seconds; the tab reloads every 30 s.
    const deadline = Date.now() + 90_000;
    while (!/\d/.test((await requests.locator(".legend strong").first().textContent({ timeout: 30_000 })) ?? "")) {
      if (Date.now() > deadline) throw new Error("no request metrics appeared in 90 s");
      await page.waitForTimeout(1000);
      await page.reload();
    }
    expect(await requests.locator("path.series").first().getAttribute("d")).toMatch(/^M/);
    for (const chart of ["Response time", "Responses by status"]) await page.locator(`figure[data-chart="${chart}"]`).waitFor();
    await shotBoth(page, "20-metrics");
    await page.getByRole("button", { name: "Last day" }).click();
    await page.getByRole("heading", { name: "Metrics (last day)" }).waitFor();
    await page.goto(`${pier.apiUrl}/console/apps/${app}`);
    await page.locator('figure[data-chart="Requests"]').waitFor();
    await page.getByRole("heading", { name: "Recent activity" }).waitFor();
    await page.locator('li[data-action="build.create"]').first().waitFor();
  });

  it("falls back to polling while the event stream is down, and goes live again", async () => {
    await page.route("**/event-sessions/**", (route) => route.abort());
    await page.goto(`${pier.apiUrl}/console/apps/${app}`);
    await page.locator('[data-live="false"]').getByText("Polling").waitFor();
    await page.waitForTimeout(2000);
    await page.locator('[data-live="false"]').waitFor();
    await shot(page, "21-overview-polling");
    await page.unroute("**/event-sessions/**");
    await page.locator('[data-live="true"]').getByText("Live").waitFor({ timeout: 45_000 });
  });

  it("sets a config var, hidden until revealed", async () => {
    await page.goto(`${pier.apiUrl}/console/apps/${app}/settings`);
    await page.getByRole("heading", { name: "Config vars" }).waitFor();
    await page.getByLabel("Name", { exact: true }).fill("GREETING");
    await page.getByLabel("Value", { exact: true }).fill("hello-from-console");
    await page.getByRole("button", { name: "Set", exact: true }).click();
    const row = page.locator('tr[data-var="GREETING"]');
    await row.waitFor();
    expect(await row.textContent()).not.toContain("hello-from-console");
    await row.getByRole("button", { name: /Reveal/ }).click();
    await row.getByText("hello-from-console").waitFor();
    await shot(page, "12-settings");
  });

  it("scales a process type, shows where its instances run, and why a change cannot be placed", async () => {
    await page.goto(`${pier.apiUrl}/console/apps/${app}/scaling`);
    const web = page.locator('li[data-process="web"]');
    await web.waitFor();
    await web.getByRole("spinbutton", { name: "Instances" }).fill("2");
    await web.getByRole("button", { name: "Scale" }).click();
    await web.getByRole("status").filter({ hasText: /web scaled to 2/ }).waitFor();
    await web.locator('li[data-dyno="web.2"]').waitFor({ timeout: 120_000 });
    await shot(page, "13-scaling");
    await web.getByRole("spinbutton", { name: "Instances" }).fill("100");
    await web.getByRole("combobox", { name: "Size" }).selectOption("performance-l");
    await web.getByRole("button", { name: "Scale" }).click();
    await web.getByRole("alert").filter({ hasText: /Cannot scale/ }).waitFor();
    await shot(page, "14-scaling-refused");
  });

  it("adds a domain, shows its certificate state, and removes it", async () => {
    const hostname = `www.${app}.example`;
    await page.goto(`${pier.apiUrl}/console/apps/${app}/settings`);
    await page.getByText("No custom domains.").waitFor();
    await page.getByLabel("Domain name").fill(hostname);
    await page.getByRole("button", { name: "Add domain" }).click();
    const row = page.locator(`li[data-domain="${hostname}"]`);
    await row.getByText(/Certificate: /).waitFor();
    await shot(page, "15-domains");
    await row.getByRole("button", { name: /Remove/ }).click();
    await page.getByText("No custom domains.").waitFor();
  });

  it("lists releases and rolls back", async () => {
    await page.goto(`${pier.apiUrl}/console/apps/${app}/deploys`);
    const first = page.locator('li[data-release="1"]');
    await first.waitFor();
    page.once("dialog", (d) => void d.accept());
    await first.getByRole("button", { name: "Roll back to v1" }).click();
    await page.getByRole("status").filter({ hasText: /Rolled back to v1/ }).waitFor();
    await page.locator('li[data-release="3"]').waitFor();
    await shot(page, "16-releases-rolled-back");
  });

  it("tails the app's logs live, filters them, pauses and resumes", async () => {
    await page.goto(`${pier.apiUrl}/console/apps/${app}/logs`);
    await page.getByText(/^Live ·/).waitFor();
    await page.locator(".terminal div").filter({ hasText: /\[web\.1\]|\[router\]|pier\[/ }).first().waitFor({ timeout: 60_000 });
    await page.getByLabel("Source").selectOption("pier");
    await page.getByRole("button", { name: "Pause" }).click();
    await page.getByRole("button", { name: /Resume/ }).click();
    await shot(page, "17-logs");
  });

  it("creates a user, makes them a collaborator, changes their role, and removes them", async () => {
    const dev = `dev-${process.pid}@example.com`;
    await page.goto(`${pier.apiUrl}/console/admin`);
    await page.getByLabel("New user's email").fill(dev);
    await page.getByLabel("Password (optional)").fill("dev-password-123");
    await page.getByRole("button", { name: "Create user" }).click();
    const row = page.locator(`tr[data-user="${dev}"]`);
    await row.waitFor();
    await row.getByLabel(`Role of ${dev}`).selectOption("admin");
    await page.waitForFunction((email) => (document.querySelector(`tr[data-user="${email}"] select`) as HTMLSelectElement | null)?.value === "admin", dev);
    await row.getByLabel(`Role of ${dev}`).selectOption("member");
    await row.getByRole("button", { name: `Disable ${dev}` }).click();
    await row.getByText("Disabled").waitFor();
    await row.getByRole("button", { name: `Enable ${dev}` }).click();
    await row.getByRole("button", { name: `Disable ${dev}` }).waitFor();
    await page.locator('li[data-host] [data-status="ready"]').first().waitFor();
    await shotBoth(page, "22-admin");

    await page.goto(`${pier.apiUrl}/console/apps/${app}/access`);
    await page.getByLabel("Add collaborator by email").fill(dev);
    await page.getByRole("button", { name: "Add collaborator" }).click();
    const person = page.locator(`li[data-person="${dev}"]`);
    await person.getByText("Collaborator").waitFor();
    await shotBoth(page, "23-access");
    await person.getByRole("button", { name: `Remove ${dev}` }).click();
    await person.waitFor({ state: "detached" });

    await page.goto(`${pier.apiUrl}/console/admin`);
    page.once("dialog", (d) => void d.accept(""));
    await row.getByRole("button", { name: `Delete ${dev}` }).click();
    await row.waitFor({ state: "detached" });
  });

  it("adds an SSH key, shows its fingerprint, and removes it", async () => {
    const dir = await mkdtemp(join(tmpdir(), "pier-console-key-"));
    await runOk(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "console-e2e", "-f", join(dir, "id")]);
    const fingerprint = (await runOk(["ssh-keygen", "-l", "-E", "sha256", "-f", join(dir, "id.pub")])).stdout.split(" ")[1]!;
    await page.goto(`${pier.apiUrl}/console/account`);
    await page.getByText("No SSH keys.").waitFor();
    await page.getByLabel("Public key").fill(await readFile(join(dir, "id.pub"), "utf8"));
    await page.getByRole("button", { name: "Add key" }).click();
    const key = page.locator(`li[data-key="${fingerprint}"]`);
    await key.getByText(fingerprint).waitFor();
    await shotBoth(page, "24-account-keys");
    await key.getByRole("button", { name: /Remove/ }).click();
    await page.getByText("No SSH keys.").waitFor();
    await rm(dir, { recursive: true, force: true });
  });

  it("creates a PostgreSQL add-on, shows its details and backups, and destroys it once its name is typed", async () => {
    await page.goto(`${pier.apiUrl}/console/apps/${app}/addons`);
    await page.getByText("No add-ons.").waitFor();
    await page.getByLabel("Service").selectOption("postgres");
    await page.getByRole("button", { name: "Create add-on" }).click();
    const row = page.locator("li[data-addon]").first();
    // The API answers once the database accepts connections: a cold container start on a busy machine.
    await row.locator('[data-status="available"]').waitFor({ timeout: 180_000 });
    const name = (await row.getAttribute("data-addon"))!;
    await row.getByText(/DATABASE_URL/).first().waitFor();
    await row.getByText("Version").waitFor();
    await row.getByRole("button", { name: "Capture a backup" }).click();
    await row.locator("li[data-backup]").first().waitFor({ timeout: 60_000 });
    await shotBoth(page, "26-addons");
    const destroy = row.getByRole("button", { name: `Destroy ${name}` });
    expect(await destroy.isDisabled()).toBe(true);
    await row.getByLabel(`Type ${name} to destroy it`).fill(name);
    await destroy.click();
    await row.locator('[data-status="destroyed"]').waitFor({ timeout: 60_000 });
  });

  it("has WCAG AA text contrast on every main page", async () => {
    const pages = ["/console/", `/console/apps/${app}`, `/console/apps/${app}/deploys`, `/console/apps/${app}/logs`, `/console/apps/${app}/scaling`,
      `/console/apps/${app}/metrics`, `/console/apps/${app}/addons`, `/console/apps/${app}/access`, `/console/apps/${app}/settings`, "/console/account", "/console/admin"];
    for (const path of pages) {
      await page.goto(`${pier.apiUrl}${path}`);
      await page.locator("main h1").first().waitFor();
      await waitForSettled(page);
      expect(await countTexts(page), path).toBeGreaterThan(10);
      expect(await lowContrastTexts(page), path).toEqual([]);
    }
  });

  it("moves between the main places by keyboard alone", async () => {
    await page.goto(`${pier.apiUrl}/console/`);
    await page.locator(`tr[data-app="${app}"]`).waitFor();
    await tabTo(page, (el) => el.tag === "A" && el.text === app);
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Current release" }).waitFor();
    await tabTo(page, (el) => el.tag === "A" && el.text === "Deploys");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Releases" }).waitFor();
    await tabTo(page, (el) => el.tag === "A" && el.text === "Settings");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Config vars" }).waitFor();
    // A form by keyboard: type into the focused field, Tab on, Enter submits.
    await page.getByLabel("Name", { exact: true }).focus();
    await page.keyboard.type("KEYBOARD");
    await page.keyboard.press("Tab");
    await page.keyboard.type("typed");
    await page.keyboard.press("Enter");
    await page.locator('tr[data-var="KEYBOARD"]').waitFor();
  });

  it("every control has a label, and the keyboard reaches the skip link first", async () => {
    for (const path of ["/console/", `/console/apps/${app}/settings`, `/console/apps/${app}/logs`, `/console/apps/${app}/metrics`, `/console/apps/${app}/addons`, `/console/apps/${app}/access`, "/console/account", "/console/admin"]) {
      await page.goto(`${pier.apiUrl}${path}`);
      await page.locator("main h1").first().waitFor();
      await waitForSettled(page);
      const unlabelled = await page.evaluate(() =>
        [...document.querySelectorAll("input, select, button, textarea")]
          .filter((el) => !(el as HTMLInputElement).labels?.length && !el.getAttribute("aria-label") && !(el.textContent ?? "").trim())
          .map((el) => el.outerHTML.slice(0, 80)),
      );
      expect(unlabelled, path).toEqual([]);
    }
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Skip to content");
  });

  it("shows the account and admin pages", async () => {
    await page.goto(`${pier.apiUrl}/console/account`);
    await page.getByRole("heading", { name: "API tokens" }).waitFor();
    await shot(page, "18-account");
    await page.goto(`${pier.apiUrl}/console/admin`);
    await page.getByRole("heading", { name: "Users" }).waitFor();
    await shot(page, "19-admin");
  });

  it("deletes the app after its name is typed, and its instances stop", async () => {
    await page.goto(`${pier.apiUrl}/console/apps/${app}/settings`);
    const remove = page.getByRole("button", { name: `Delete ${app}` });
    expect(await remove.isDisabled()).toBe(true);
    await page.getByLabel(/to confirm/).fill(app);
    await remove.click();
    await page.getByRole("heading", { name: "Apps", level: 1 }).waitFor();
    await page.getByText("No apps yet.").waitFor();
    const containers = async () =>
      (await runOk(["docker", "ps", "-aq", "--filter", `label=pier.app=${app}`, "--filter", "label=pier.role=instance"])).stdout.trim();
    const deadline = Date.now() + 30_000;
    while ((await containers()) !== "" && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
    expect(await containers()).toBe("");
  });

  it("drains the host and puts it back (nothing runs on it any more)", async () => {
    await page.goto(`${pier.apiUrl}/console/admin`);
    const host = page.locator("li[data-host]").first();
    await host.locator('[data-status="ready"]').waitFor();
    page.once("dialog", (d) => void d.accept());
    await host.getByRole("button", { name: /^Drain/ }).click();
    await host.locator('[data-status="draining"]').waitFor();
    await shot(page, "25-admin-host-draining");
    await host.getByRole("button", { name: /^Undrain/ }).click();
    await host.locator('[data-status="ready"]').waitFor();
  });
});
