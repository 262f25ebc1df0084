import type { Redis } from "ioredis";

const key = (appId: string) => `pier:build-lock:${appId}`;
/** A worker that dies mid-build frees its app after this long; a live one keeps extending it. */
const LEASE_MS = 60_000;
const POLL_MS = 500;

// Deletes/extends only when the lock is still ours (value = our build id).
const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;
const EXTEND = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("pexpire", KEYS[1], ARGV[2]) else return 0 end`;

/**
 * Runs `fn` while holding the app's build lock, so an app builds and deploys one push at a time;
 * a newer push waits (telling its client which build it waits for). The lock is a Redis lease,
 * shared by every worker on every host.
 */
export async function withAppBuildLock<T>(
  params: { appId: string; buildId: string; onWait: (holder: string) => void },
  deps: { redis: Redis },
  fn: () => Promise<T>,
): Promise<T> {
  let told = false;
  for (;;) {
    const ok = await deps.redis.set(key(params.appId), params.buildId, "PX", LEASE_MS, "NX");
    if (ok === "OK") break;
    const holder = await deps.redis.get(key(params.appId));
    if (holder && !told) {
      params.onWait(holder);
      told = true;
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  const renew = setInterval(() => {
    deps.redis.eval(EXTEND, 1, key(params.appId), params.buildId, LEASE_MS).catch(() => undefined); // retried on the next tick
  }, LEASE_MS / 3);
  try {
    return await fn();
  } finally {
    clearInterval(renew);
    await deps.redis.eval(RELEASE, 1, key(params.appId), params.buildId);
  }
}
