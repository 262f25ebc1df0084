import { describe, expect, it } from "vitest";
import { choosePushToDeploy, parseRefUpdates } from "./push-refs.js";

const A = "a".repeat(40);
const B = "b".repeat(40);
const Z = "0".repeat(40);

describe("choosePushToDeploy", () => {
  it.each([
    [`${Z} ${A} refs/heads/main\n`, { ok: true, sha: A }],
    [`${A} ${B} refs/heads/master\n`, { ok: true, sha: B }],
    [`${A} ${B} refs/heads/feature\n`, { ok: false, error: expect.stringMatching(/main branch only \(got refs\/heads\/feature\)/) }],
    [`${A} ${B} refs/heads/main\n${A} ${B} refs/tags/v1\n`, { ok: false, error: expect.stringMatching(/got refs\/tags\/v1/) }],
    [`${A} ${B} refs/heads/main\n${A} ${B} refs/heads/master\n`, { ok: false, error: expect.stringMatching(/not both/) }],
    [`${A} ${Z} refs/heads/main\n`, { ok: false, error: expect.stringMatching(/Deleting/) }],
    ["", { ok: false, error: expect.stringMatching(/got nothing/) }],
  ])("%j", (stdin, expected) => {
    expect(choosePushToDeploy(parseRefUpdates(stdin))).toEqual(expected);
  });
});
