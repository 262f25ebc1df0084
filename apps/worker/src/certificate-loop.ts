import { loadOrCreateAccountKey, orderCertificate, readCaFile, type AcmeSettings } from "@pier/acme";
import { createRedis } from "@pier/queue";
import { channelForDb, putChallenge, removeChallenge, routeStoreKeys } from "@pier/route-store";
import { nextActionAt } from "@pier/cert-core";
import { CERT_WAKE_CHANNEL, certState, publishCertificates, syncCertificates, type CertificateIssuer, type Deps } from "@pier/use-cases";
import { startWakeableLoop } from "./wakeable-loop.js";

/**
 * Passes run at least this often, and earlier when a certificate is due (renewal, retry after
 * backoff). A published route table (an app or domain came or went) or an explicit wake starts
 * one at once.
 */
const EVERY_MS = 60_000;
/** Not sooner than this after a pass, whatever is due (a CA failing fast must not spin the loop). */
const MIN_SLEEP_MS = 1_000;

/** How long to sleep until the next certificate needs attention (renewal or retry), capped at EVERY_MS. */
async function untilNextDue(deps: Pick<Deps, "prisma" | "config">): Promise<number> {
  const rows = await deps.prisma.certificate.findMany({ select: { hostname: true, notBefore: true, notAfter: true, attempts: true, lastAttemptAt: true } });
  const now = new Date();
  let sleep = EVERY_MS;
  for (const row of rows) {
    const at = nextActionAt(certState(row), now, deps.config.acmeRetryBaseMs);
    if (at !== undefined) sleep = Math.min(sleep, at.getTime() - now.getTime());
  }
  return Math.max(MIN_SLEEP_MS, sleep);
}

function acmeIssuer(deps: Pick<Deps, "config" | "redis">): CertificateIssuer {
  let settings: Promise<AcmeSettings> | undefined;
  const load = async (): Promise<AcmeSettings> => ({
    directoryUrl: deps.config.acmeDirectoryUrl,
    accountKeyPem: await loadOrCreateAccountKey(deps.config.acmeAccountKeyFile),
    email: deps.config.acmeEmail,
    caPem: await readCaFile(deps.config.acmeCaFile),
  });
  // HTTP-01 answers go to Redis, where every router reads them.
  const responder = {
    set: (token: string, keyAuthorization: string) => putChallenge(deps.redis, token, keyAuthorization, 3600),
    remove: (token: string) => removeChallenge(deps.redis, token),
  };
  return async (hostnames) => {
    settings ??= load().catch((err: unknown) => {
      settings = undefined;
      throw err;
    });
    return orderCertificate(await settings, hostnames, responder);
  };
}

/**
 * Automated certificate management in the worker: a pass on a timer and whenever a domain is
 * added. With ACME off it only publishes the certificates already held.
 */
export function startCertificateLoop(deps: Deps): { stop(): Promise<void> } {
  const log = deps.log ?? (() => {});
  if (deps.config.acmeDirectoryUrl === "") {
    publishCertificates(deps).catch((err: unknown) => log(`publishing certificates failed: ${(err as Error).message}`));
    return { stop: async () => undefined };
  }
  const issue = acmeIssuer(deps);
  const subscriber = createRedis(deps.config.redisUrl);
  const loop = startWakeableLoop({
    pass: async () => {
      try {
        await syncCertificates(deps, issue);
      } catch (err) {
        log(`certificate pass failed: ${(err as Error).stack ?? (err as Error).message}`);
      }
      return untilNextDue(deps).catch((err: unknown) => {
        log(`cannot read certificate due dates: ${(err as Error).message}`);
        return EVERY_MS;
      });
    },
  });
  subscriber.on("message", () => loop.wake());
  const db = deps.redis.options.db;
  subscriber.subscribe(channelForDb(CERT_WAKE_CHANNEL, db), channelForDb(routeStoreKeys().channel, db)).catch((err: unknown) => log(`cannot follow ${CERT_WAKE_CHANNEL}: ${(err as Error).message}`));
  return {
    async stop() {
      subscriber.disconnect();
      await loop.stop();
    },
  };
}
