import { randomBytes } from "node:crypto";
import { link, mkdir, readFile, rename, unlink, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import ssh2 from "ssh2";

/**
 * A new ed25519 host key that ssh2 can load. ssh2's generator writes a public key whose first
 * byte is zero as 31 bytes, which its own parser then refuses ("Malformed OpenSSH private key"):
 * about one key in 256. Such a key is made again.
 */
export function newHostKey(generate: () => string = () => ssh2.utils.generateKeyPairSync("ed25519").private): string {
  for (let attempt = 1; ; attempt++) {
    const key = generate();
    if (isLoadable(key)) return key;
    if (attempt === 20) throw new Error("could not make an SSH host key that ssh2 can load in 20 attempts");
  }
}

function isLoadable(key: string): boolean {
  return !(ssh2.utils.parseKey(key) instanceof Error);
}

/** The SSH endpoint's host key: made once, at first start, and kept under PIER_DATA_DIR. */
export async function loadOrCreateHostKey(dataDir: string): Promise<string> {
  const file = join(dataDir, "ssh", "host_ed25519_key");
  try {
    const stored = await readFile(file, "utf8");
    if (isLoadable(stored)) return stored;
    // A key ssh2 cannot load never served a connection, so no client knows it: set it aside.
    await rename(file, `${file}.unloadable-${Date.now()}`).catch(() => {});
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  // Written aside, then linked into place: another API process starting at the same moment reads
  // either no key or a whole one, never a half-written file.
  const aside = `${file}.${randomBytes(6).toString("hex")}.tmp`;
  await writeFile(aside, newHostKey(), { mode: 0o600 });
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
