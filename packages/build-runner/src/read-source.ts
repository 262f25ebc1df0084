import { createReadStream } from "node:fs";
import type { Readable } from "node:stream";
import type { SourceFiles } from "@pier/build-core";
import { extract } from "tar-stream";

/** Root files up to this size are read as text for detection (Procfile, requirements.txt, app.py). */
export const MAX_READ_BYTES = 256 * 1024;

const FILE_TYPES = new Set(["file", "contiguous-file", "symlink", "link"]);

/** "./app.py" -> "app.py"; undefined for directories, the archive root and paths leaving it. */
export function normalizeTarPath(name: string): string | undefined {
  const parts = name.split("/").filter((p) => p !== "" && p !== ".");
  if (parts.length === 0 || parts.includes("..")) return undefined;
  return parts.join("/");
}

async function text(entry: Readable): Promise<string> {
  const decoder = new TextDecoder();
  let out = "";
  for await (const chunk of entry) out += decoder.decode(chunk as Uint8Array, { stream: true });
  return out + decoder.decode();
}

/** SourceFiles from a tar stream (e.g. `git archive --format=tar`; pax headers are handled). */
export async function sourceFilesFromTar(tar: Readable): Promise<SourceFiles> {
  const ex = extract();
  tar.on("error", (err) => ex.destroy(err));
  tar.pipe(ex);
  const paths: string[] = [];
  const texts = new Map<string, string>();
  for await (const entry of ex) {
    const { name, type, size } = entry.header;
    const path = normalizeTarPath(name);
    if (path !== undefined && FILE_TYPES.has(type ?? "file")) {
      paths.push(path);
      if (type === "file" && !path.includes("/") && (size ?? 0) <= MAX_READ_BYTES) {
        texts.set(path, await text(entry));
        continue;
      }
    }
    entry.resume();
  }
  return { paths, read: (p) => texts.get(p) };
}

export async function readSourceTar(path: string): Promise<SourceFiles> {
  return sourceFilesFromTar(createReadStream(path));
}
