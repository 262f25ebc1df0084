import { createHash } from "node:crypto";

export interface ParsedPublicKey {
  type: string;
  /** The key blob (base64 decoded). */
  blob: Buffer;
  comment: string;
  /** OpenSSH's "SHA256:<base64, no padding>" fingerprint. */
  fingerprint: string;
  /** "type base64 comment", normalised. */
  line: string;
}

const TYPES = [
  "ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
  "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com",
];

export const sshFingerprint = (blob: Buffer) => `SHA256:${createHash("sha256").update(blob).digest("base64").replace(/=+$/, "")}`;

/** Parses an OpenSSH public key line (`ssh-ed25519 AAAA... me@laptop`), or says what is wrong. */
export function parsePublicKey(text: string): { ok: true; key: ParsedPublicKey } | { ok: false; error: string } {
  const line = text.trim();
  if (/PRIVATE KEY/.test(line)) return { ok: false, error: "That is a private key: add the public one (the .pub file), and keep the private key secret" };
  const [type, data, ...rest] = line.split(/\s+/);
  if (!type || !data || !TYPES.includes(type)) {
    return { ok: false, error: `Not an SSH public key: expected a line like "ssh-ed25519 AAAA... you@host" (types: ${TYPES.slice(0, 3).join(", ")}, ...)` };
  }
  const blob = Buffer.from(data, "base64");
  // The blob starts with its own type as a length-prefixed string: a cheap integrity check.
  const len = blob.length >= 4 ? blob.readUInt32BE(0) : -1;
  if (len < 0 || blob.subarray(4, 4 + len).toString() !== type) return { ok: false, error: `The ${type} key data is damaged: copy the whole line from your .pub file` };
  const comment = rest.join(" ");
  return { ok: true, key: { type, blob, comment, fingerprint: sshFingerprint(blob), line: [type, data, comment].filter(Boolean).join(" ") } };
}
