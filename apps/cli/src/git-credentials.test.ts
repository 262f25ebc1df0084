import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { credentialAnswer } from "./credential-answer.js";
import { gitCredentialHelper } from "./git-credentials.js";

describe("credentialAnswer", () => {
  it.each([
    ["get", "pier_abc", ["username=pier", "password=pier_abc"]],
    ["get", undefined, []],
    ["store", "pier_abc", []],
    ["erase", "pier_abc", []],
    [undefined, "pier_abc", []],
  ])("%s with token %s", (action, token, expected) => expect(credentialAnswer(action, token)).toEqual(expected));
});

describe("gitCredentialHelper", () => {
  // A stand-in for git-credential-main.js, in a path that needs quoting.
  const dir = mkdtempSync(join(tmpdir(), "pier cred's-"));
  const script = join(dir, "helper.js");
  writeFileSync(script, `process.stdout.write("username=pier\\npassword=from-settings " + process.argv[2] + "\\n");`);
  // As git runs it: the value without "!", the action appended, through the shell.
  const run = (action: string, env: Record<string, string>) =>
    execFileSync("/bin/sh", ["-c", `${gitCredentialHelper(process.execPath, script).slice(1)} ${action}`], {
      input: "protocol=http\nhost=127.0.0.1:5000\n\n",
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin", ...env },
    }).toString();

  it.each([
    ["get", { PIER_API_KEY: "pier_env" }, "username=pier\npassword=pier_env\n"],
    ["get", {}, "username=pier\npassword=from-settings get\n"],
    ["store", { PIER_API_KEY: "pier_env" }, ""],
    ["store", {}, ""],
    ["erase", {}, ""],
  ])("%s with %j", (action, env, expected) => expect(run(action, env)).toBe(expected));
});
