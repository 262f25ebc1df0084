import { describe, expect, it } from "vitest";
import { startSpinner, waitFor, withSpinner } from "./progress.js";

const stream = (isTTY: boolean) => {
  const chunks: string[] = [];
  return { isTTY, chunks, write: (c: string) => chunks.push(c) };
};

describe("progress", () => {
  it.each<[string, boolean, NodeJS.ProcessEnv]>([
    ["a pipe", false, {}],
    ["a dumb terminal", true, { TERM: "dumb" }],
  ])("prints nothing on %s", (_, isTTY, env) => {
    const s = stream(isTTY);
    const spinner = startSpinner("Scaling", s, env);
    spinner.update("1/2 up");
    spinner.stop();
    expect(s.chunks).toEqual([]);
  });

  it("draws the label and progress on a TTY and clears the line when done", () => {
    const s = stream(true);
    const spinner = startSpinner("Scaling", s, {});
    spinner.update("1/2 up");
    spinner.stop();
    expect(s.chunks[0]).toMatch(/^\r\u001b\[K. Scaling$/);
    expect(s.chunks[1]).toMatch(/^\r\u001b\[K. Scaling: 1\/2 up$/);
    expect(s.chunks.at(-1)).toBe("\r\u001b[K");
  });

  it("clears the spinner when the work fails", async () => {
    const s = stream(true);
    await expect(withSpinner("Creating", async () => Promise.reject(new Error("boom")), s)).rejects.toThrow("boom");
    expect(s.chunks.at(-1)).toBe("\r\u001b[K");
  });

  it("polls until done and returns the value", async () => {
    let n = 0;
    const value = await waitFor({
      label: "Waiting",
      poll: async () => (++n < 3 ? { done: false as const, text: `${n}` } : { done: true as const, value: "ready" }),
      timeoutMessage: "too slow",
      intervalMs: 1,
      stream: stream(false),
    });
    expect([value, n]).toEqual(["ready", 3]);
  });

  it("gives up after the timeout with the message and exit code 8", async () => {
    const waiting = waitFor({ label: "Waiting", poll: async () => ({ done: false as const, text: "" }), timeoutMessage: "still deploying: see pier releases", timeoutMs: 20, intervalMs: 5, stream: stream(false) });
    await expect(waiting).rejects.toMatchObject({ message: "still deploying: see pier releases", exitCode: 8 });
  });
});
