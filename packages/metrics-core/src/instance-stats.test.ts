import { describe, expect, it } from "vitest";
import { cpuCores, memoryKillMessage, memoryWarning, readingFromDockerStats } from "./instance-stats.js";

describe("instance readings", () => {
  it.each([
    [{ cpu_stats: { cpu_usage: { total_usage: 5e9 } }, memory_stats: { usage: 300, stats: { inactive_file: 100 } } }, 512, { cpuNs: 5e9, memoryBytes: 200, limitBytes: 512 }],
    [{ memory_stats: { usage: 300, stats: { total_inactive_file: 50 } } }, undefined, { cpuNs: 0, memoryBytes: 250 }],
    [{}, 0, { cpuNs: 0, memoryBytes: 0 }],
  ])("reads %j", (stats, limit, reading) => expect(readingFromDockerStats(stats, limit)).toEqual(reading));

  it.each([
    [undefined, 1e9, 1000, undefined],
    [0, 5e8, 1000, 0.5],
    [0, 2e9, 1000, 2],
    [5e9, 1e9, 1000, undefined],
  ])("cpu from %s to %s ns over %d ms", (before, after, ms, cores) => {
    expect(cpuCores(before === undefined ? undefined : { cpuNs: before, memoryBytes: 0 }, { cpuNs: after, memoryBytes: 0 }, ms)).toBe(cores);
  });

  it.each([
    [{ cpuNs: 0, memoryBytes: 600 * 1048576, limitBytes: 512 * 1048576 }, "Error R14 (Memory quota exceeded): using 600MB of its 512MB limit"],
    [{ cpuNs: 0, memoryBytes: 100, limitBytes: 512 }, undefined],
    [{ cpuNs: 0, memoryBytes: 1e12 }, undefined],
  ])("%j -> %s", (r, w) => expect(memoryWarning(r)).toBe(w));

  it.each([
    [512 * 1048576, "Error R15 (Memory quota vastly exceeded): a process was killed for using more memory than its 512MB limit; the instance keeps running"],
    [undefined, "Error R15 (Memory quota vastly exceeded): a process was killed for using more memory than its memory limit; the instance keeps running"],
  ])("a process killed for memory, limit %s", (limit, message) => expect(memoryKillMessage(limit)).toBe(message));
});
