import { describe, expect, it } from "vitest";
import { isGitService, pktLine } from "./git-service.js";

describe("pktLine", () => {
  it.each([
    ["# service=git-receive-pack\n", "001f# service=git-receive-pack\n"],
    ["# service=git-upload-pack\n", "001e# service=git-upload-pack\n"],
    ["", "0004"],
  ])("frames %j", (text, framed) => expect(pktLine(text)).toBe(framed));
});

describe("isGitService", () => {
  it.each([
    ["git-receive-pack", true],
    ["git-upload-pack", true],
    ["git-upload-archive", false],
    [undefined, false],
    ["--upload-pack=evil", false],
  ])("%j -> %s", (s, ok) => expect(isGitService(s)).toBe(ok));
});
