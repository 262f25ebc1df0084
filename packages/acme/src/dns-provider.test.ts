import { describe, expect, it } from "vitest";
import { dns01RecordName } from "./dns-provider.js";

describe("dns01RecordName", () => {
  it.each([
    ["www.example.com", "_acme-challenge.www.example.com"],
    ["*.example.com", "_acme-challenge.example.com"],
    ["example.com", "_acme-challenge.example.com"],
  ])("%s -> %s", (hostname, expected) => {
    expect(dns01RecordName(hostname)).toBe(expected);
  });
});
