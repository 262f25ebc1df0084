import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { pack } from "tar-stream";

export interface ArchiveFile {
  path: string;
  body: Buffer | string;
  mode?: number;
}

/** A tar archive (in memory) of a few small files. */
export async function tarOf(files: ArchiveFile[]): Promise<Buffer> {
  const p = pack();
  const chunks: Buffer[] = [];
  p.on("data", (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    p.on("end", resolve);
    p.on("error", reject);
  });
  for (const f of files) p.entry({ name: f.path, mode: f.mode ?? 0o644 }, f.body);
  p.finalize();
  await ended;
  return Buffer.concat(chunks);
}

/** packages/build-runner/support: files every image gets under /opt/pier (Pier's static server...). */
const SUPPORT_DIR = fileURLToPath(new URL("../support", import.meta.url));

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(full)));
    else out.push(full);
  }
  return out;
}

let support: Promise<Buffer> | undefined;

/** The support files as a tar to extract at / (read once per process). */
export function supportArchive(): Promise<Buffer> {
  support ??= (async () => {
    const files = await walk(SUPPORT_DIR);
    return tarOf(
      await Promise.all(
        files.map(async (f) => ({ path: relative(SUPPORT_DIR, f), body: await readFile(f), mode: (await stat(f)).mode & 0o777 })),
      ),
    );
  })();
  return support;
}
