import { describe, expect, it } from "vitest";
import { formatTable, printTable, type Column } from "./print-table.js";

interface Row {
  name: string;
  state: string;
}
const name: Column<Row> = { value: (r) => r.name };
const state: Column<Row> = { value: (r) => r.state };
const rows: Row[] = [
  { name: "web.1", state: "up" },
  { name: "worker.10", state: "crashed" },
];

describe("formatTable", () => {
  it.each<[string, Row[], Column<Row>[], string[]]>([
    ["aligns columns to the widest cell", rows, [name, state], ["web.1      up", "worker.10  crashed"]],
    ["leaves no trailing spaces on a short last cell", rows, [state, name], ["up       web.1", "crashed  worker.10"]],
    ["counts headers in the width", rows, [{ ...name, header: "Instance name" }, { ...state, header: "State" }], ["Instance name  State", "web.1          up", "worker.10      crashed"]],
    ["prints a header row alone for no rows", [], [{ ...name, header: "Name" }], ["Name"]],
    ["prints nothing for no rows without headers", [], [name], []],
    ["trims an empty last column", [{ name: "a", state: "" }], [name, state], ["a"]],
  ])("%s", (_, input, columns, expected) => expect(formatTable(input, columns)).toEqual(expected));

  it("colours after padding, so escape codes do not widen a column", () => {
    const red = (s: string) => `<${s}>`;
    expect(formatTable(rows, [{ ...state, colour: (s, r) => (r.state === "up" ? s : red(s)) }, name])).toEqual(["up       web.1", "<crashed>  worker.10"]);
  });
});

describe("printTable", () => {
  const print = (input: Row[], options: { title?: string; empty?: string }) => {
    const lines: string[] = [];
    printTable(input, [name, state], { out: (l) => lines.push(l), ...options });
    return lines;
  };

  it("prints the title as a heading, then the rows", () => {
    expect(print(rows, { title: "Instances" })).toEqual(["=== Instances", "web.1      up", "worker.10  crashed"]);
  });

  it("prints only the empty message when there are no rows", () => {
    expect(print([], { title: "Instances", empty: "No instances." })).toEqual(["No instances."]);
  });
});
