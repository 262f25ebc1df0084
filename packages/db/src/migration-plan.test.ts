import { describe, expect, it } from "vitest";
import { pendingMigrations, type AppliedMigrationRow, type LocalMigration } from "./migration-plan.js";

const m = (name: string): LocalMigration => ({ name, script: `-- ${name}`, checksum: `sum-${name}` });
const done = (name: string): AppliedMigrationRow => ({ migration_name: name, finished_at: new Date(1), rolled_back_at: null, logs: null });
const rolledBack = (name: string): AppliedMigrationRow => ({ migration_name: name, finished_at: null, rolled_back_at: new Date(2), logs: "boom" });
const failed = (name: string, logs: string | null): AppliedMigrationRow => ({ migration_name: name, finished_at: null, rolled_back_at: null, logs });

describe("pendingMigrations", () => {
  it.each([
    { what: "fresh database: all, in name order", local: [m("2_b"), m("1_a")], rows: [], want: ["1_a", "2_b"] },
    { what: "all applied: none", local: [m("1_a"), m("2_b")], rows: [done("1_a"), done("2_b")], want: [] },
    { what: "one new", local: [m("1_a"), m("2_b")], rows: [done("1_a")], want: ["2_b"] },
    { what: "rolled back runs again", local: [m("1_a"), m("2_b")], rows: [done("1_a"), rolledBack("2_b")], want: ["2_b"] },
    {
      what: "rolled back then applied counts as applied",
      local: [m("1_a")],
      rows: [rolledBack("1_a"), done("1_a")],
      want: [],
    },
    { what: "applied but gone locally is ignored", local: [m("2_b")], rows: [done("1_a")], want: ["2_b"] },
    { what: "byte order, not locale order", local: [m("a"), m("B")], rows: [], want: ["B", "a"] },
  ])("$what", ({ local, rows, want }) => {
    expect(pendingMigrations(local, rows).map((x) => x.name)).toEqual(want);
  });

  it.each([
    { logs: 'ERROR: type "X" already exists\nmore', reason: /failed earlier: ERROR: type "X" already exists\. / },
    { logs: null, reason: /no error was recorded/ },
  ])("refuses after a failed migration ($logs)", ({ logs, reason }) => {
    const run = () => pendingMigrations([m("1_a"), m("2_b")], [done("1_a"), failed("2_b", logs)]);
    expect(run).toThrow(reason);
    expect(run).toThrow(/Migration 2_b failed earlier/);
    expect(run).toThrow(/SET rolled_back_at = now\(\) WHERE migration_name = '2_b'/);
  });
});
