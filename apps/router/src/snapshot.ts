import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseVersionedRouteTable, serializeVersionedRouteTable, type VersionedRouteTable } from "@pier/routing-core";

/** `$PIER_DATA_DIR/router/routes.json`. */
export function snapshotPath(dataDir: string): string {
  return path.join(dataDir, "router", "routes.json");
}

/** The last table this router saved, or undefined when there is none yet. A damaged file throws. */
export async function loadSnapshot(file: string): Promise<VersionedRouteTable | undefined> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new Error(`cannot read route snapshot ${file}: ${(err as Error).message}`, { cause: err });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new Error(`route snapshot ${file} is not valid JSON (${(err as Error).message}); delete it to start from Redis alone`, { cause: err });
  }
  return parseVersionedRouteTable(value, `route snapshot ${file}`);
}

/** Writes a temporary file beside the snapshot and renames it over: a crash leaves the old or the new file, never half of one. */
export async function saveSnapshot(file: string, table: VersionedRouteTable): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, serializeVersionedRouteTable(table));
  await rename(tmp, file);
}

/**
 * Saves tables one at a time, newest wins: a table that arrives while a write is running is
 * written after it, and tables in between are skipped.
 */
export function createSnapshotWriter(file: string, onError: (err: Error) => void): { save(table: VersionedRouteTable): void; idle(): Promise<void> } {
  let pending: VersionedRouteTable | undefined;
  let running: Promise<void> | undefined;
  const drain = async () => {
    while (pending !== undefined) {
      const table = pending;
      pending = undefined;
      try {
        await saveSnapshot(file, table);
      } catch (err) {
        onError(new Error(`cannot write route snapshot ${file} (version ${table.version}): ${(err as Error).message}`, { cause: err }));
      }
    }
    running = undefined;
  };
  return {
    save(table) {
      pending = table;
      running ??= drain();
    },
    async idle() {
      await running;
    },
  };
}
