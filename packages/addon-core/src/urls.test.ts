import { describe, expect, it } from "vitest";
import { parseAdminInfo } from "./info.js";
import { connectionUrl } from "./urls.js";

const creds = { username: "u1", password: "p@ss/w:rd", databaseName: "d1" };

describe("connectionUrl", () => {
  it.each([
    ["postgres", "postgres://u1:p%40ss%2Fw%3Ard@pg-1:5432/d1"],
    ["redis", "redis://default:p%40ss%2Fw%3Ard@pg-1:6379"],
    ["mysql", "mysql://u1:p%40ss%2Fw%3Ard@pg-1:3306/d1"],
  ] as const)("%s", (kind, url) => expect(connectionUrl(kind, "pg-1", creds)).toBe(url));

  it("round-trips the password through URL parsing", () => {
    expect(decodeURIComponent(new URL(connectionUrl("postgres", "h", creds)).password)).toBe(creds.password);
  });
});

describe("parseAdminInfo", () => {
  it.each([
    ["version=15.14\nsize_bytes=7654321\nconnections=3\n", { version: "15.14", sizeBytes: 7654321, connections: 3 }],
    ["version=7.0.15\r\nsize_bytes=1000\r\nconnections=0", { version: "7.0.15", sizeBytes: 1000, connections: 0 }],
    ["version=\nsize_bytes=abc\nconnections=-1", {}],
    ["psql: error: connection refused", {}],
  ])("%j", (out, info) => expect(parseAdminInfo(out)).toEqual(info));
});
