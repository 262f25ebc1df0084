import { describe, expect, it } from "vitest";
import { acmStatus, backoffMs, MAX_ATTEMPTS, planCertificates, renewalDue, type CertState } from "./plan-certificates.js";

const DAY = 24 * 3600 * 1000;
const now = new Date("2026-06-01T00:00:00Z");
const at = (ms: number) => new Date(now.getTime() + ms);

describe("planCertificates", () => {
  it.each<[string, CertState, string | undefined]>([
    ["orders a new certificate", { hostname: "a", attempts: 0 }, "new"],
    ["leaves a fresh certificate alone", { hostname: "a", attempts: 0, notBefore: at(-10 * DAY), notAfter: at(80 * DAY) }, undefined],
    ["renews 30 days before expiry", { hostname: "a", attempts: 0, notBefore: at(-61 * DAY), notAfter: at(29 * DAY) }, "renewal"],
    ["renews a short-lived certificate in its last third", { hostname: "a", attempts: 0, notBefore: at(-700_000), notAfter: at(200_000) }, "renewal"],
    ["keeps a short-lived certificate before its last third", { hostname: "a", attempts: 0, notBefore: at(-100_000), notAfter: at(800_000) }, undefined],
    ["waits out the backoff after a failure", { hostname: "a", attempts: 2, lastAttemptAt: at(-60_000) }, undefined],
    ["retries once the backoff passed", { hostname: "a", attempts: 2, lastAttemptAt: at(-120_000) }, "retry"],
    ["gives up after too many failures", { hostname: "a", attempts: MAX_ATTEMPTS, lastAttemptAt: at(-365 * DAY) }, undefined],
    ["keeps retrying a renewal while the old certificate is valid", { hostname: "a", attempts: MAX_ATTEMPTS, lastAttemptAt: at(-365 * DAY), notBefore: at(-80 * DAY), notAfter: at(5 * DAY) }, "retry"],
  ])("%s", (_what, state, reason) => {
    expect(planCertificates([state], now)[0]?.reason).toBe(reason);
  });

  it("retries sooner with a shorter configured backoff base", () => {
    const failed: CertState = { hostname: "a", attempts: 2, lastAttemptAt: at(-5_000) };
    expect(planCertificates([failed], now)).toEqual([]);
    expect(planCertificates([failed], now, 2_000)).toEqual([{ hostname: "a", reason: "retry" }]);
  });
});

describe("acmStatus", () => {
  it.each<[CertState, string]>([
    [{ hostname: "a", attempts: 0 }, "pending"],
    [{ hostname: "a", attempts: 0, notBefore: at(-DAY), notAfter: at(DAY) }, "issued"],
    [{ hostname: "a", attempts: 1 }, "failing"],
    [{ hostname: "a", attempts: MAX_ATTEMPTS }, "failed"],
    [{ hostname: "a", attempts: 3, notBefore: at(-DAY), notAfter: at(DAY) }, "issued"],
    [{ hostname: "a", attempts: 0, notBefore: at(-2 * DAY), notAfter: at(-DAY) }, "pending"],
  ])("%j is %s", (state, status) => {
    expect(acmStatus(state, now)).toBe(status);
  });
});

describe("backoff and renewal time", () => {
  it.each([[0, 0], [1, 60_000], [2, 120_000], [4, 480_000], [20, 6 * 3600 * 1000]])("backoffMs(%i) = %i", (n, ms) => {
    expect(backoffMs(n)).toBe(ms);
  });

  it.each([[1, 2_000], [3, 8_000]])("backoffMs(%i) with a 2 s base = %i", (n, ms) => {
    expect(backoffMs(n, 2_000)).toBe(ms);
  });

  it("renews a 90-day certificate 30 days before it expires", () => {
    expect(renewalDue(at(0), at(90 * DAY))).toEqual(at(60 * DAY));
  });
});
