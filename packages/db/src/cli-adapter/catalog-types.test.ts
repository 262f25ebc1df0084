import { ColumnTypeEnum } from "@prisma/driver-adapter-utils";
import { describe, expect, it } from "vitest";
import { fixCatalogColumn } from "./catalog-types.js";

describe("fixCatalogColumn", () => {
  const cases = [
    { what: "name is read as text", oid: 19, want: { oid: 25 } },
    { what: '"char" is read as a character column', oid: 18, want: { oid: 25, columnType: ColumnTypeEnum.Character } },
    { what: "text is untouched", oid: 25, want: { oid: 25 } },
    { what: "int4 is untouched", oid: 23, want: { oid: 23 } },
    { what: "bpchar is untouched", oid: 1042, want: { oid: 1042 } },
    { what: "char[] is untouched", oid: 1002, want: { oid: 1002 } },
  ];
  it.each(cases)("$what", ({ oid, want }) => {
    expect(fixCatalogColumn(oid)).toEqual(want);
  });
});
