import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { ROOT } from "./pier.js";

/** Debian's Chromium: `npx playwright install` cannot download browsers on these machines. */
export const CHROMIUM = process.env.PIER_CHROMIUM ?? "/usr/bin/chromium";

/**
 * Headless Chromium with the flags that keep it off the network: without the background-networking
 * ones it keeps trying to reach Google's hosts, which this machine's closed network refuses.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export const ARTIFACTS = join(ROOT, "e2e/artifacts");

/** Full-page screenshot kept as a CI artifact: e2e/artifacts/<folder>/<name>.png. */
export async function screenshot(page: Page, folder: string, name: string): Promise<string> {
  const dir = join(ARTIFACTS, folder);
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

export const LAPTOP = { width: 1366, height: 860 };
export const PHONE = { width: 390, height: 844 };

const inFlight = new WeakMap<Page, { open: Set<unknown>; changedAt: number }>();

/**
 * Starts counting the page's API requests in flight (fetch, XHR, EventSource), for waitForSettled.
 * A stream (event or log session) counts as done once its headers arrive: it never ends by itself.
 */
export function trackRequests(page: Page): void {
  if (inFlight.has(page)) return;
  const state = { open: new Set<unknown>(), changedAt: Date.now() };
  inFlight.set(page, state);
  const done = (req: unknown) => {
    if (state.open.delete(req)) state.changedAt = Date.now();
  };
  page.on("request", (req) => {
    if (!["fetch", "xhr", "eventsource"].includes(req.resourceType())) return;
    state.open.add(req);
    state.changedAt = Date.now();
  });
  page.on("response", (res) => {
    if ((res.headers()["content-type"] ?? "").includes("text/event-stream")) done(res.request());
  });
  page.on("requestfinished", done);
  page.on("requestfailed", done);
}

/**
 * Waits until the page has drawn what it loads: no "Loading …" state on it and no API request in
 * flight for `quietMs` (a section that loads after another shows up as a new request within it).
 * Instead of a fixed pause per page, which was both slower and not a guarantee.
 */
export async function waitForSettled(page: Page, { quietMs = 400, timeoutMs = 30_000 } = {}): Promise<void> {
  const state = inFlight.get(page);
  if (!state) throw new Error("waitForSettled needs trackRequests(page) called before the page loads");
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const loading = await page.locator(".state-loading").count();
    if (loading === 0 && state.open.size === 0 && Date.now() - state.changedAt >= quietMs) return;
    if (Date.now() > deadline) throw new Error(`page ${page.url()} still loading after ${timeoutMs} ms (${state.open.size} requests in flight, ${loading} loading states)`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
