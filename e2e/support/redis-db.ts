import { run } from "./run.js";

const OWNER_KEY = "pier:e2e:owner";

const cli = (db: number, ...args: string[]) => run(["redis-cli", "-h", "127.0.0.1", "-n", String(db), ...args]).then((r) => r.stdout.trim());

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Keys left in a database nobody owns. BullMQ writes its queues' `meta` keys again when a stopping
 * Pier's queue reconnects after the owner flushed: those alone do not make a database busy.
 */
async function inUse(db: number): Promise<boolean> {
  if (Number(await cli(db, "DBSIZE")) === 0) return false;
  const keys = (await cli(db, "KEYS", "*")).split("\n");
  return keys.some((k) => !/^bull:[a-z-]+:meta$/.test(k));
}

/**
 * A Redis database of its own for one test's Pier (route table, queues and logs are not
 * namespaced per installation). An empty database is claimed with an owner key; one whose owner
 * process is gone is emptied and reused. Database 0 is left to the operator's Pier.
 */
export async function claimRedisDb(): Promise<{ db: number; release(): Promise<void> }> {
  for (let db = 1; db < 16; db++) {
    const owner = Number(await cli(db, "GET", OWNER_KEY));
    if (owner && !alive(owner)) await cli(db, "FLUSHDB");
    else if (owner || (await inUse(db))) continue;
    if ((await cli(db, "SET", OWNER_KEY, String(process.pid), "NX")) !== "OK") continue;
    return { db, release: async () => void (await cli(db, "FLUSHDB")) };
  }
  throw new Error("No free Redis database (1-15) for this test's Pier: stop other test runs or flush the stale ones");
}
