import { Redis } from "ioredis";
import { channelForDb, type RouteStoreKeys, type RouteStoreOptions } from "./keys.js";

export interface SubscribeOptions extends RouteStoreOptions {
  /** Connection problems and damaged tables; the subscription keeps going after each. */
  onError?: (err: Error) => void;
  /** CLIENT SETNAME of the two connections (`<name>` and `<name>:reader`). */
  connectionName?: string;
}

export interface Subscription {
  close(): Promise<void>;
}

/** `redis://user:secret@host:6379/0` -> `host:6379`: error messages never carry the password. */
function describeRedis(redisUrl: string): string {
  try {
    const u = new URL(redisUrl);
    return `${u.hostname}:${u.port || "6379"}`;
  } catch {
    return "redis (unparsable URL)";
  }
}

/**
 * Calls onTable with the stored table and then with every newer one published, never with a
 * version at or below one already delivered. Uses its own subscriber connection; after every
 * (re)connect it first subscribes, then re-reads the key, so a table published while the
 * connection was down is not missed. Resolves once the first read is done or the first
 * connection attempt failed (a router must start serving from its snapshot without Redis);
 * reconnecting goes on in the background until close().
 */
export interface VersionedDocument<T> {
  keys: RouteStoreKeys;
  /** "route table", "certificate bundle": for messages. */
  what: string;
  /** Parses a stored or published document; throws when it is damaged. */
  parse: (text: string, source: string) => T;
}

export async function subscribeVersioned<T extends { version: number }>(
  redisUrl: string,
  doc: VersionedDocument<T>,
  onTable: (table: T) => void,
  options: SubscribeOptions = {},
): Promise<Subscription> {
  const keys = { ...doc.keys };
  const where = describeRedis(redisUrl);
  const onError = options.onError ?? ((err: Error) => process.stderr.write(`${err.message}\n`));
  const name = options.connectionName ?? "pier-routes";
  // ioredis resubscribes by itself, but without telling us when that is done; we subscribe
  // ourselves on "ready" so the re-read happens strictly after the subscription is live.
  const subscriber = new Redis(redisUrl, { autoResubscribe: false, connectionName: name });
  const reader = new Redis(redisUrl, { connectionName: `${name}:reader` });
  keys.channel = channelForDb(keys.channel, subscriber.options.db);
  let closed = false;
  let delivered = 0;
  let settle: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (settle = resolve));

  const report = (context: string, err: unknown) => {
    if (closed) return;
    const message = err instanceof Error ? err.message : String(err);
    onError(new Error(`${doc.what} subscription (${where}): ${context}: ${message}`, { cause: err }));
  };
  const deliver = (table: T) => {
    if (closed || table.version <= delivered) return;
    delivered = table.version;
    try {
      onTable(table);
    } catch (err) {
      report(`handler failed on version ${table.version}`, err);
    }
  };
  const sync = async () => {
    await subscriber.subscribe(keys.channel);
    const text = await reader.get(keys.table);
    if (text !== null) deliver(doc.parse(text, `redis key ${keys.table}`));
  };

  // Connection errors repeat on every reconnect attempt while Redis is down: report the first
  // of each outage only. The reader's errors are news only while the subscriber is connected.
  let subscriberDown = false;
  subscriber.on("ready", () => {
    subscriberDown = false;
    sync().then(settle, (err: unknown) => {
      report(`re-reading the ${doc.what} after connecting`, err);
      settle();
    });
  });
  subscriber.on("message", (channel: string, message: string) => {
    if (channel !== keys.channel) return;
    try {
      deliver(doc.parse(message, `channel ${keys.channel}`));
    } catch (err) {
      report(`ignoring a published ${doc.what}`, err);
    }
  });
  subscriber.on("error", (err: Error) => {
    if (!subscriberDown) report("subscriber connection (will keep reconnecting)", err);
    subscriberDown = true;
    settle();
  });
  let readerDown = false;
  reader.on("ready", () => (readerDown = false));
  reader.on("error", (err: Error) => {
    if (!readerDown && !subscriberDown) report("reader connection (will keep reconnecting)", err);
    readerDown = true;
  });

  await started;
  return {
    async close() {
      closed = true;
      subscriber.disconnect();
      reader.disconnect();
    },
  };
}
