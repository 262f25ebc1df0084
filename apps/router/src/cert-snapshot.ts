import path from "node:path";
import { parseCertBundle, type VersionedCertBundle } from "@pier/cert-core";
import type { SnapshotCodec } from "./snapshot.js";

/** `$PIER_DATA_DIR/router/certs.json`, readable by its owner only (keys in it are sealed too). */
export function certSnapshotPath(dataDir: string): string {
  return path.join(dataDir, "router", "certs.json");
}

export const CERT_BUNDLE_CODEC: SnapshotCodec<VersionedCertBundle> = {
  what: "certificate",
  parse: parseCertBundle,
  serialize: (b) => JSON.stringify({ version: b.version, hash: b.hash, certs: b.certs }),
  mode: 0o600,
};
