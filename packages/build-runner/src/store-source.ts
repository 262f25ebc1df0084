import { createReadStream, createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { PassThrough, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import { extract, pack } from "tar-stream";
import { normalizeTarPath } from "./read-source.js";

/** A plain or gzipped stream, as plain bytes (gzip told apart by its magic number). */
function gunzipIfNeeded(input: Readable): Readable {
  const out = new PassThrough();
  let decided = false;
  input.once("error", (err) => out.destroy(err));
  input.on("data", function first(chunk: Buffer) {
    if (decided) return;
    decided = true;
    input.off("data", first);
    input.pause();
    input.unshift(chunk);
    const gzip = chunk[0] === 0x1f && chunk[1] === 0x8b;
    const stream = gzip ? input.pipe(createGunzip()) : input;
    stream.on("error", (err) => out.destroy(err));
    stream.pipe(out);
    input.resume();
  });
  input.once("end", () => {
    if (!decided) out.end();
  });
  return out;
}

/** The one top-level folder every entry is in (GitHub's "repo-sha/"), if there is one. */
async function commonFolder(path: string): Promise<string | undefined> {
  const tops = new Set<string>();
  let nested = false;
  let rootFile = false;
  const ex = extract();
  const done = pipeline(createReadStream(path), ex);
  done.catch(() => undefined); // the same error ends the loop below, which reports it
  for await (const entry of ex) {
    const parts = normalizeTarPath(entry.header.name)?.split("/");
    if (parts) {
      tops.add(parts[0]!);
      nested ||= parts.length > 1;
      rootFile ||= parts.length === 1 && entry.header.type !== "directory";
    }
    entry.resume();
  }
  await done;
  return tops.size === 1 && nested && !rootFile ? [...tops][0] : undefined;
}

async function stripFolder(from: string, to: string, folder: string): Promise<void> {
  const ex = extract();
  const out = pack();
  const written = pipeline(out, createWriteStream(to, { mode: 0o600 }));
  const read = pipeline(createReadStream(from), ex);
  read.catch(() => undefined); // the same error ends the loop below, which reports it
  for await (const entry of ex) {
    const p = normalizeTarPath(entry.header.name);
    const inner = p?.startsWith(`${folder}/`) ? p.slice(folder.length + 1) : undefined;
    if (!inner) {
      entry.resume();
      continue;
    }
    await pipeline(entry, out.entry({ ...entry.header, name: inner }));
  }
  out.finalize();
  await Promise.all([read, written]);
}

/**
 * Stores an uploaded source as the tar the builder reads: gzip is undone, and a single
 * top-level folder (as in GitHub's tarballs) is stripped, as Heroku's Builds API does.
 */
export async function storeSourceTar(input: Readable, dest: string): Promise<void> {
  const raw = `${dest}.upload`;
  try {
    await pipeline(gunzipIfNeeded(input), createWriteStream(raw, { mode: 0o600 }));
    const folder = await commonFolder(raw);
    if (folder) await stripFolder(raw, dest, folder);
    else await rename(raw, dest);
  } finally {
    await rm(raw, { force: true });
  }
}
