/**
 * Deciding, for each hostname that should have a certificate, whether to order one now. Pure:
 * the worker reads domains and certificates, asks this, and carries out the orders.
 *
 * - no certificate yet: order (status pending, or failing after a failure);
 * - a certificate: renew once it is within 30 days of expiry (or within the last third of its
 *   lifetime, for short-lived certificates such as a test CA's);
 * - after a failure, wait with exponential backoff (1 min doubling to 6 h; the base is
 *   configurable so tests see a retry in seconds); after
 *   MAX_ATTEMPTS failures in a row a hostname without a valid certificate is `failed` and only a
 *   refresh (attempts reset to 0) starts it again. One with a still-valid certificate keeps
 *   retrying until that expires.
 */

export type AcmStatus = "pending" | "issued" | "failing" | "failed";

export interface CertState {
  hostname: string;
  /** Current certificate, if any. */
  notBefore?: Date;
  notAfter?: Date;
  /** Failed orders in a row since the last success. */
  attempts: number;
  lastAttemptAt?: Date;
}

export interface CertOrder {
  hostname: string;
  reason: "new" | "renewal" | "retry";
}

export const RENEW_BEFORE_MS = 30 * 24 * 3600 * 1000;
export const MAX_ATTEMPTS = 8;
const BACKOFF_BASE_MS = 60 * 1000;
const BACKOFF_MAX_MS = 6 * 3600 * 1000;

export function backoffMs(attempts: number, baseMs = BACKOFF_BASE_MS): number {
  if (attempts <= 0) return 0;
  return Math.min(BACKOFF_MAX_MS, baseMs * 2 ** (attempts - 1));
}

/** When the certificate should be replaced. */
export function renewalDue(notBefore: Date, notAfter: Date): Date {
  const lifetime = notAfter.getTime() - notBefore.getTime();
  return new Date(notAfter.getTime() - Math.min(RENEW_BEFORE_MS, Math.floor(lifetime / 3)));
}

function valid(s: CertState, now: Date): boolean {
  return s.notAfter !== undefined && s.notAfter.getTime() > now.getTime();
}

export function acmStatus(s: CertState, now: Date): AcmStatus {
  if (s.attempts === 0) return valid(s, now) ? "issued" : "pending";
  if (valid(s, now)) return "issued"; // renewal failing, but still serving a good certificate
  return s.attempts >= MAX_ATTEMPTS ? "failed" : "failing";
}

/** The next time this hostname needs attention, or undefined when it is `failed`. */
export function nextActionAt(s: CertState, now: Date, backoffBaseMs = BACKOFF_BASE_MS): Date | undefined {
  if (s.attempts > 0) {
    if (!valid(s, now) && s.attempts >= MAX_ATTEMPTS) return undefined;
    const retry = new Date((s.lastAttemptAt?.getTime() ?? 0) + backoffMs(s.attempts, backoffBaseMs));
    if (s.notBefore !== undefined && s.notAfter !== undefined && valid(s, now)) {
      const due = renewalDue(s.notBefore, s.notAfter);
      return retry > due ? retry : due;
    }
    return retry;
  }
  if (s.notBefore !== undefined && s.notAfter !== undefined) return renewalDue(s.notBefore, s.notAfter);
  return now;
}

export function planCertificates(states: readonly CertState[], now: Date, backoffBaseMs = BACKOFF_BASE_MS): CertOrder[] {
  const orders: CertOrder[] = [];
  for (const s of states) {
    const at = nextActionAt(s, now, backoffBaseMs);
    if (at === undefined || at.getTime() > now.getTime()) continue;
    const reason = s.attempts > 0 ? "retry" : s.notAfter === undefined ? "new" : "renewal";
    orders.push({ hostname: s.hostname, reason });
  }
  return orders;
}
