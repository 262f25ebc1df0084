import { describe, expect, it } from "vitest";
import { parseGitSshCommand } from "./git-command.js";

describe("parseGitSshCommand", () => {
  it.each<[string, ReturnType<typeof parseGitSshCommand>]>([
    ["git-receive-pack '/shop.git'", { ok: true, service: "git-receive-pack", app: "shop" }],
    ["git-upload-pack 'shop.git'", { ok: true, service: "git-upload-pack", app: "shop" }],
    ["git receive-pack '/my-app'", { ok: true, service: "git-receive-pack", app: "my-app" }],
    ["git-receive-pack '/shop.git/'", { ok: true, service: "git-receive-pack", app: "shop" }],
  ])("%s", (command, expected) => expect(parseGitSshCommand(command)).toEqual(expected));

  it.each(["bash", "git-receive-pack '/../etc.git'", "git-receive-pack '/a/b.git'", "git-receive-pack 'x'; rm -rf /", "scp -t /tmp"])("refuses %s", (command) => {
    expect(parseGitSshCommand(command)).toMatchObject({ ok: false, error: expect.stringMatching(/^Pier's SSH endpoint serves git only/) });
  });
});
