import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import type { Readable } from "node:stream";
import type { SourceFiles } from "@pier/build-core";
import { extract } from "tar-stream";

/** Root files (and Python files one folder down) up to this size are read as text for detection. */
export const MAX_READ_BYTES = 256 * 1024;

/** Root files kept in memory for the dependency layer (lock files); bigger ones are only hashed. */
const MAX_KEPT_BYTES = 32 * 1024 * 1024;

const FILE_TYPES = new Set(["file", "contiguous-file", "symlink", "link"]);

/** "./app.py" -> "app.py"; undefined for directories, the archive root and paths leaving it. */
export function normalizeTarPath(name: string): string | undefined {
  const parts = name.split("/").filter((p) => p !== "" && p !== ".");
  if (parts.length === 0 || parts.includes("..")) return undefined;
  return parts.join("/");
}

/** What the runner knows of a pushed source: files for detection, and root files' bytes and digests. */
export interface ReadSource extends SourceFiles {
  /** sha256 (hex) of each regular file at the root, by path. */
  digests: Record<string, string>;
  /** Contents of root regular files (any size), for the dependency layer's archive. */
  rootFile(path: string): Buffer | undefined;
}

async function bytes(entry: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of entry) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const readable = (path: string, size: number) =>
  size <= MAX_READ_BYTES && (!path.includes("/") || (path.split("/").length === 2 && path.endsWith(".py")));

/** SourceFiles from a tar stream (e.g. `git archive --format=tar`; pax headers are handled). */
export async function sourceFilesFromTar(tar: Readable): Promise<ReadSource> {
  const ex = extract();
  tar.on("error", (err) => ex.destroy(err));
  tar.pipe(ex);
  const paths: string[] = [];
  const texts = new Map<string, string>();
  const roots = new Map<string, Buffer>();
  const digests: Record<string, string> = {};
  for await (const entry of ex) {
    const { name, type, size } = entry.header;
    const path = normalizeTarPath(name);
    if (path !== undefined && FILE_TYPES.has(type ?? "file")) {
      paths.push(path);
      const root = !path.includes("/");
      if (type === "file" && root && (size ?? 0) > MAX_KEPT_BYTES) {
        const hash = createHash("sha256");
        for await (const chunk of entry) hash.update(chunk as Buffer);
        digests[path] = hash.digest("hex");
        continue;
      }
      if (type === "file" && (root || readable(path, size ?? 0))) {
        const body = await bytes(entry);
        if (readable(path, body.length)) texts.set(path, new TextDecoder().decode(body));
        if (root) {
          roots.set(path, body);
          digests[path] = createHash("sha256").update(body).digest("hex");
        }
        continue;
      }
    }
    entry.resume();
  }
  return { paths, read: (p) => texts.get(p), digests, rootFile: (p) => roots.get(p) };
}

export async function readSourceTar(path: string): Promise<ReadSource> {
  return sourceFilesFromTar(createReadStream(path));
}
