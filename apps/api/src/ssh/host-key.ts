import { randomBytes } from "node:crypto";
import { link, mkdir, readFile, unlink, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import ssh2 from "ssh2";

/** The SSH endpoint's host key: made once, at first start, and kept under PIER_DATA_DIR. */
export async function loadOrCreateHostKey(dataDir: string): Promise<string> {
  const file = join(dataDir, "ssh", "host_ed25519_key");
  try {
    return await readFile(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  const pair = ssh2.utils.generateKeyPairSync("ed25519");
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  // Written aside, then linked into place: another API process starting at the same moment reads
  // either no key or a whole one, never a half-written file.
  const aside = `${file}.${randomBytes(6).toString("hex")}.tmp`;
  await writeFile(aside, pair.private, { mode: 0o600 });
  try {
    await link(aside, file).catch((err: NodeJS.ErrnoException) => {
      // Another API process made it first: use theirs.
      if (err.code !== "EEXIST") throw err;
    });
  } finally {
    await unlink(aside);
  }
  return readFile(file, "utf8");
}
