import { api } from "../api-client.js";
import type { Command } from "../command.js";
import { json } from "../output.js";

interface Rotation {
  key_id: string;
  config_vars: number;
  releases: number;
  certificates: number;
  addons: number;
}

export const adminRotateSecretKey: Command = {
  name: "admin:rotate-secret-key",
  usage: "pier admin:rotate-secret-key [--json]",
  summary: "re-seal every secret under the new PIER_SECRET_KEY (admin; step 2 of a key rotation)",
  description:
    "First restart the API, worker and routers with the new key in PIER_SECRET_KEY and the old one in PIER_SECRET_KEY_PREVIOUS; then run this; then drop PIER_SECRET_KEY_PREVIOUS and restart again. Running it twice is harmless. See docs/operating.md.",
  async run({ flags, settings, out }) {
    const r = await api<Rotation>(settings, "POST", "/admin/secret-key/rotation");
    if (flags.json) return out(json(r));
    out(`Re-sealed under key ${r.key_id}: ${r.config_vars} config vars, ${r.releases} releases, ${r.certificates} certificate keys, ${r.addons} add-on passwords.`);
    out("Now remove PIER_SECRET_KEY_PREVIOUS and restart the API, worker and routers.");
  },
};
