import { describe, expect, it } from "vitest";
import { stepFailureMessage, summarizeFailure } from "./failure-summary.js";

describe("summarizeFailure", () => {
  it.each([
    [
      "pip: the first real ERROR line",
      [
        "Looking in indexes: file:///opt/pypi/simple",
        "ERROR: Ignored the following versions that require a different python version: 1.0 Requires-Python >=3.12",
        "ERROR: Could not find a version that satisfies the requirement nosuchpackage-pier==1.0 (from versions: none)",
        "ERROR: No matching distribution found for nosuchpackage-pier==1.0",
        "",
      ],
      "ERROR: Could not find a version that satisfies the requirement nosuchpackage-pier==1.0 (from versions: none)",
    ],
    ["no error line: the last non-blank line", ["Collecting x", "Killed", "  "], "Killed"],
    ["lowercase error from a compiler", ["building", "  error: command 'gcc' failed", "done"], "error: command 'gcc' failed"],
    ["no output", [], ""],
    ["long lines are cut", ["x".repeat(400)], `${"x".repeat(297)}...`],
  ])("%s", (_n, lines, expected) => expect(summarizeFailure(lines)).toBe(expected));
});

describe("stepFailureMessage", () => {
  it.each([
    ["Installing requirements.txt with pip", 1, ["ERROR: boom"], "Installing requirements.txt with pip failed with exit code 1: ERROR: boom"],
    ["Creating virtual environment", 137, [], "Creating virtual environment failed with exit code 137 (killed: the builder's 2048 MB memory limit was probably reached)"],
  ])("%s %i", (step, code, lines, expected) => expect(stepFailureMessage(step, code, lines, 2 * 1024 ** 3)).toBe(expected));
});
