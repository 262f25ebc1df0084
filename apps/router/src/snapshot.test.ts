import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { compileRouteTable } from "@pier/routing-core";
import { createSnapshotWriter, loadSnapshot, saveSnapshot, snapshotPath } from "./snapshot.js";

const table = (version: number, port = 5000) => ({
  version,
  ...compileRouteTable({ baseDomain: "localhost", apps: [{ name: "a", domains: [], backends: [{ host: "127.0.0.1", port, instance: "web.1" }] }] }),
});

describe("route snapshots", () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "pier-snap-"));
    file = snapshotPath(dir);
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("lives at <dataDir>/router/routes.json", () => {
    expect(snapshotPath("/var/lib/pier")).toBe("/var/lib/pier/router/routes.json");
  });

  it("is absent before the first save", async () => {
    expect(await loadSnapshot(file)).toBeUndefined();
  });

  it("round-trips a table and leaves no temporary file", async () => {
    await saveSnapshot(file, table(3));
    expect(await loadSnapshot(file)).toEqual(table(3));
    expect(await readdir(path.dirname(file))).toEqual(["routes.json"]);
  });

  it.each([
    ["not JSON", "{", /is not valid JSON.*delete it/],
    ["a table whose hash does not match", JSON.stringify({ ...table(1), hash: "0".repeat(64) }), /does not match its routes/],
  ])("refuses a file that is %s", async (_what, text, message) => {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
    await expect(loadSnapshot(file)).rejects.toThrow(message);
  });

  it("writes the newest table last when saves overlap", async () => {
    const errors: Error[] = [];
    const writer = createSnapshotWriter(file, (e) => errors.push(e));
    for (let v = 1; v <= 5; v += 1) writer.save(table(v, 5000 + v));
    await writer.idle();
    expect(errors).toEqual([]);
    expect(JSON.parse(await readFile(file, "utf8")).version).toBe(5);
  });

  it("reports a failed write", async () => {
    const errors: Error[] = [];
    await writeFile(path.join(dir, "router"), "a file where the folder should be");
    const writer = createSnapshotWriter(file, (e) => errors.push(e));
    writer.save(table(1));
    await writer.idle();
    expect(errors[0]?.message).toMatch(/cannot write route snapshot .*routes\.json \(version 1\)/);
  });
});
