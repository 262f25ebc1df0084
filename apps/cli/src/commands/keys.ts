import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { api, CliError } from "../api-client.js";
import type { Command } from "../command.js";
import { EXIT } from "../exit-codes.js";
import { json } from "../output.js";
import { printTable } from "../print-table.js";

interface Key {
  id: string;
  fingerprint: string;
  comment: string;
  public_key: string;
}

const DEFAULT_KEYS = ["id_ed25519.pub", "id_ecdsa.pub", "id_rsa.pub"];

async function readPublicKey(path: string | undefined): Promise<{ text: string; from: string }> {
  const candidates = path ? [path] : DEFAULT_KEYS.map((f) => join(homedir(), ".ssh", f));
  for (const file of candidates) {
    try {
      return { text: await readFile(file, "utf8"), from: file };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw new CliError(`Cannot read ${file}: ${(err as Error).message}`);
    }
  }
  throw new CliError(
    path ? `${path} does not exist.` : "No public key in ~/.ssh (id_ed25519.pub, id_ecdsa.pub, id_rsa.pub): make one with `ssh-keygen -t ed25519`, or name the file.",
    EXIT.usage,
  );
}

export const keysList: Command = {
  name: "keys",
  usage: "pier keys [--json]",
  summary: "list the SSH keys that may git push as you",
  async run({ flags, settings, out }) {
    const keys = await api<Key[]>(settings, "GET", "/account/keys");
    if (flags.json) return out(json(keys));
    printTable(keys, [{ value: (k) => k.fingerprint }, { value: (k) => k.comment }], { out, title: "SSH keys", empty: "No SSH keys. Add yours with: pier keys:add" });
  },
};

export const keysAdd: Command = {
  name: "keys:add",
  usage: "pier keys:add [PUBLIC_KEY_FILE]",
  summary: "allow an SSH key to git push as you (default: ~/.ssh/id_ed25519.pub)",
  description: "Then push with: git push ssh://git@HOST:2222/APP.git main (PIER_SSH_PORT on the server, 2222 by default).",
  async run({ positionals, settings, out }) {
    const { text, from } = await readPublicKey(positionals[0]);
    const key = await api<Key>(settings, "POST", "/account/keys", { public_key: text });
    out(`Added ${from} (${key.fingerprint})`);
  },
};

export const keysRemove: Command = {
  name: "keys:remove",
  usage: "pier keys:remove KEY",
  summary: "remove an SSH key (its fingerprint or comment, as `pier keys` shows)",
  async run({ positionals, settings, out }) {
    if (!positionals[0]) throw new CliError("Which key? Usage: pier keys:remove FINGERPRINT_OR_COMMENT (see `pier keys`).", EXIT.usage);
    const key = await api<Key>(settings, "DELETE", `/account/keys/${encodeURIComponent(positionals[0])}`);
    out(`Removed ${key.fingerprint}${key.comment ? ` (${key.comment})` : ""}`);
  },
};
