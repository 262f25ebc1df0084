import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseVersionedRouteTable, serializeVersionedRouteTable, type VersionedRouteTable } from "@pier/routing-core";

/** How one kind of snapshot is read and written (route table, certificate bundle). */
export interface SnapshotCodec<T extends { version: number }> {
  what: string;
  parse(value: unknown, source: string): T;
  serialize(value: T): string;
  /** File mode; the certificate bundle's is 0600. */
  mode?: number;
}

const ROUTES: SnapshotCodec<VersionedRouteTable> = { what: "route", parse: parseVersionedRouteTable, serialize: serializeVersionedRouteTable };

/** `$PIER_DATA_DIR/router/routes.json`. */
export function snapshotPath(dataDir: string): string {
  return path.join(dataDir, "router", "routes.json");
}

/** The last document saved, or undefined when there is none yet. A damaged file throws. */
export async function loadSnapshotOf<T extends { version: number }>(file: string, codec: SnapshotCodec<T>): Promise<T | undefined> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new Error(`cannot read ${codec.what} snapshot ${file}: ${(err as Error).message}`, { cause: err });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new Error(`${codec.what} snapshot ${file} is not valid JSON (${(err as Error).message}); delete it to start from Redis alone`, { cause: err });
  }
  return codec.parse(value, `${codec.what} snapshot ${file}`);
}

/** Writes a temporary file beside the snapshot and renames it over: a crash leaves the old or the new file, never half of one. */
export async function saveSnapshotOf<T extends { version: number }>(file: string, value: T, codec: SnapshotCodec<T>): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, codec.serialize(value), { mode: codec.mode ?? 0o644 });
  await rename(tmp, file);
}

/**
 * Saves documents one at a time, newest wins: one that arrives while a write is running is
 * written after it, and those in between are skipped.
 */
export function createSnapshotWriterOf<T extends { version: number }>(file: string, codec: SnapshotCodec<T>, onError: (err: Error) => void): { save(value: T): void; idle(): Promise<void> } {
  let pending: T | undefined;
  let running: Promise<void> | undefined;
  const drain = async () => {
    while (pending !== undefined) {
      const value = pending;
      pending = undefined;
      try {
        await saveSnapshotOf(file, value, codec);
      } catch (err) {
        onError(new Error(`cannot write ${codec.what} snapshot ${file} (version ${value.version}): ${(err as Error).message}`, { cause: err }));
      }
    }
    running = undefined;
  };
  return {
    save(value) {
      pending = value;
      running ??= drain();
    },
    async idle() {
      await running;
    },
  };
}

export const loadSnapshot = (file: string) => loadSnapshotOf(file, ROUTES);
export const saveSnapshot = (file: string, table: VersionedRouteTable) => saveSnapshotOf(file, table, ROUTES);
export const createSnapshotWriter = (file: string, onError: (err: Error) => void) => createSnapshotWriterOf(file, ROUTES, onError);
