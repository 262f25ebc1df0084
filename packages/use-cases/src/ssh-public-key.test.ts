import { describe, expect, it } from "vitest";
import { parsePublicKey } from "./ssh-public-key.js";

// A real ed25519 public key (from ssh-keygen) and its `ssh-keygen -lf` fingerprint.
const KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBBQfJ9F8vHlLWwpZ/jMeqpNuo5wmY6XQutwYeEx9Zkm me@laptop";

describe("parsePublicKey", () => {
  it("parses a key line with its comment and fingerprint", () => {
    const r = parsePublicKey(`  ${KEY}\n`);
    expect(r.ok && { type: r.key.type, comment: r.key.comment, line: r.key.line }).toEqual({ type: "ssh-ed25519", comment: "me@laptop", line: KEY });
    expect(r.ok && r.key.fingerprint).toBe("SHA256:86Y719fpRmoQ7PLoSP0G7wQOSPYUaBcoH3sElTuXLJA");
  });
  it.each([
    ["empty", "", /^Not an SSH public key/],
    ["private key", "-----BEGIN OPENSSH PRIVATE KEY-----", /^That is a private key/],
    ["unknown type", "ssh-dss AAAAB3NzaC1kc3M=", /^Not an SSH public key/],
    ["type and data disagree", "ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIBBQfJ9F8vHlLWwpZ/jMeqpNuo5wmY6XQutwYeEx9Zkm", /^The ssh-rsa key data is damaged/],
  ])("refuses %s", (_n, text, error) => {
    const r = parsePublicKey(text);
    expect(r.ok ? "ok" : r.error).toMatch(error);
  });
});
