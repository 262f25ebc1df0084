import { describe, expect, it } from "vitest";
import { processExitMessages } from "./platform-messages.js";

describe("processExitMessages", () => {
  it.each([
    [{ exitCode: 0, oomKilled: false }, ["Process exited with status 0"]],
    [{ exitCode: 137, oomKilled: true }, [expect.stringMatching(/^Error R15 /), "Process exited with status 137"]],
  ])("%j", (state, lines) => expect(processExitMessages(state)).toEqual(lines));
});
