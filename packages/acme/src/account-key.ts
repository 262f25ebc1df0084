import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { loadAcmeClient } from "./load-acme-client.js";

/**
 * The ACME account key: made on first use and kept (0600) so every order uses one account.
 * `wx` makes two workers starting at once agree on one key.
 */
export async function loadOrCreateAccountKey(file: string): Promise<string> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const acme = await loadAcmeClient();
  try {
    await writeFile(file, (await acme.crypto.createPrivateEcdsaKey()).toString(), { mode: 0o600, flag: "wx" });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw new Error(`cannot create the ACME account key ${file}: ${(err as Error).message}`, { cause: err });
  }
  return readFile(file, "utf8");
}
