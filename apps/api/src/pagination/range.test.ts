import { describe, expect, it } from "vitest";
import { paginate, parseRange, type ListSpec } from "./range.js";

interface Row {
  id: string;
  version: number;
}
const spec: ListSpec<Row> = { fields: { version: (r) => r.version, id: (r) => r.id } };
const rows: Row[] = Array.from({ length: 5 }, (_, i) => ({ id: `id-${i + 1}`, version: i + 1 }));
const versions = (header: string | undefined) => {
  const page = paginate(rows, parseRange(header, spec as ListSpec<never>), spec);
  return { versions: page.items.map((r) => r.version), next: page.nextRange };
};

describe("parseRange + paginate", () => {
  it.each([
    [undefined, [1, 2, 3, 4, 5], undefined],
    ["", [1, 2, 3, 4, 5], undefined],
    ["version ..; max=15, order=desc", [5, 4, 3, 2, 1], undefined],
    ["version ..; order=desc,max=1", [5], "version ]5..; max=1, order=desc"],
    ["version ]5..; max=1, order=desc", [4], "version ]4..; max=1, order=desc"],
    ["version ]2..; max=2, order=desc", [1], undefined],
    ["version ..; max=2", [1, 2], "version ]2..; max=2, order=asc"],
    ["version ]2..; max=2", [3, 4], "version ]4..; max=2, order=asc"],
    ["version ]4..; max=2", [5], undefined],
    ["version 2..3", [2, 3], undefined],
    ["id ..; max=1000;", [1, 2, 3, 4, 5], undefined],
    ["id ]id-3..", [4, 5], undefined],
    ["nosuchfield ..; max=2", [1, 2], "version ]2..; max=2, order=asc"],
    ["version ..; max=5", [1, 2, 3, 4, 5], undefined],
  ])("%j", (header, expected, next) => {
    expect(versions(header)).toEqual({ versions: expected, next });
  });

  it.each([["version ..; max=0"], ["version ..; max=abc"], ["version ..; order=up"], ["version 3"], ["!!"], ["x".repeat(2000)]])(
    "rejects %j",
    (header) => expect(() => parseRange(header, spec as ListSpec<never>)).toThrow(/Range/),
  );

  it("caps max at 1000", () => {
    expect(parseRange("id ..; max=5000", spec as ListSpec<never>).max).toBe(1000);
  });
});
