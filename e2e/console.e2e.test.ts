import { cp, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, LAPTOP, PHONE, screenshot } from "./support/browser.js";
import { freePort, ROOT, startPier, type RunningPier } from "./support/pier.js";
import { run, runOk } from "./support/run.js";

const shot = (page: Page, name: string) => screenshot(page, "console", name);

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
  const git = (...args: string[]) => runOk(["git", ...args], { cwd: repo, env: pier.env });

  beforeAll(async () => {
    // git over SSH listens too; another test's Pier may hold the default port.
    process.env.PIER_SSH_PORT ??= String(await freePort());
    pier = await startPier("console");
    browser = await launchChromium();
    page = await browser.newPage({ viewport: LAPTOP });
    repo = await mkdtemp(join(tmpdir(), "pier-console-repo-"));
    await cp(join(ROOT, "e2e/fixtures/flask-hello"), repo, { recursive: true });
    await git("init", "-q", "-b", "main");
    await git("add", "-A");
    await git("-c", "user.name=E2E", "-c", "user.email=e2e@example.com", "commit", "-q", "-m", "first");
  });

  afterAll(async () => {
    await browser?.close();
    await pier?.stop();
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
    await page.getByLabel("API token").fill(pier.token);
    await page.getByRole("button", { name: "Sign in with token" }).click();
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

  it("every control has a label, and the keyboard reaches the skip link first", async () => {
    for (const path of ["/console/", `/console/apps/${app}/settings`, `/console/apps/${app}/logs`, "/console/account"]) {
      await page.goto(`${pier.apiUrl}${path}`);
      await page.locator("main h1").first().waitFor();
      await page.waitForTimeout(1000); // let the page's sections load
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
});
