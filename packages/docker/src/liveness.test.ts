import { describe, expect, it } from "vitest";
import { describeExit } from "./liveness.js";

describe("describeExit", () => {
  it.each([
    [{ Status: "exited", ExitCode: 3, OOMKilled: false }, "container exited with exit code 3"],
    [{ Status: "exited", ExitCode: 137, OOMKilled: true }, "container exited with exit code 137 (killed: out of memory)"],
    [{ Status: "created", ExitCode: 127, OOMKilled: false, Error: "exec: \"nope\": not found" }, 'container created with exit code 127 (exec: "nope": not found)'],
  ])("%j", (state, expected) => expect(describeExit(state)).toBe(expected));
});
