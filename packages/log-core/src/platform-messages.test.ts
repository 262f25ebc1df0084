import { describe, expect, it } from "vitest";
import { crashLoopMessage, processExitMessages } from "./platform-messages.js";

describe("processExitMessages", () => {
  it.each([
    [{ exitCode: 0, oomKilled: false }, ["Process exited with status 0"]],
    [{ exitCode: 137, oomKilled: true }, [expect.stringMatching(/^Error R15 /), "Process exited with status 137"]],
    [{ exitCode: 137, oomKilled: false }, ["Process exited with status 137"]],
    [{ exitCode: 139, oomKilled: true }, ["Process exited with status 139"]],
  ])("%j", (state, lines) => expect(processExitMessages(state)).toEqual(lines));
});

describe("crashLoopMessage", () => {
  const m = 60_000;
  it.each([
    [[], undefined],
    [[0, m], undefined],
    [[0, m, 2 * m], "Crash loop: exited 3 times in the last 10 minutes; check the lines above for the cause"],
    [[0, 5 * m, 11 * m], undefined],
    [[0, m, 2 * m, 3 * m], "Crash loop: exited 4 times in the last 10 minutes; check the lines above for the cause"],
  ])("%j -> %s", (exits, message) => expect(crashLoopMessage(exits)).toBe(message));
});
