import { loadOrCreateAccountKey, orderCertificate, readCaFile, type AcmeSettings } from "@pier/acme";
import { createRedis } from "@pier/queue";
import { channelForDb, putChallenge, removeChallenge, routeStoreKeys } from "@pier/route-store";
import { CERT_WAKE_CHANNEL, publishCertificates, syncCertificates, type CertificateIssuer, type Deps } from "@pier/use-cases";

/**
 * Passes run at least this often (renewals, retries after backoff). A published route table (an
 * app or domain came or went) or an explicit wake starts one at once.
 */
const EVERY_MS = 60_000;

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
  let stopping = false;
  let wake: (() => void) | undefined;
  let kicked = false;
  subscriber.on("message", () => {
    kicked = true;
    wake?.();
  });
  const db = deps.redis.options.db;
  subscriber.subscribe(channelForDb(CERT_WAKE_CHANNEL, db), channelForDb(routeStoreKeys().channel, db)).catch((err: unknown) => log(`cannot follow ${CERT_WAKE_CHANNEL}: ${(err as Error).message}`));
  const done = (async () => {
    while (!stopping) {
      kicked = false;
      try {
        await syncCertificates(deps, issue);
      } catch (err) {
        log(`certificate pass failed: ${(err as Error).stack ?? (err as Error).message}`);
      }
      if (kicked || stopping) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, EVERY_MS);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
  })();
  return {
    async stop() {
      stopping = true;
      wake?.();
      subscriber.disconnect();
      await done;
    },
  };
}
