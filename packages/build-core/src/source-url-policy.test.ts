import { describe, expect, it } from "vitest";
import { checkSourceAddress, checkSourceUrl, classifyAddress } from "./source-url-policy.js";

describe("classifyAddress", () => {
  it.each([
    ["8.8.8.8", "public"], ["127.0.0.1", "loopback"], ["127.9.9.9", "loopback"], ["10.1.2.3", "private"], ["172.16.0.1", "private"],
    ["172.32.0.1", "public"], ["192.168.1.1", "private"], ["100.64.0.1", "private"], ["169.254.169.254", "link-local"], ["0.0.0.0", "unspecified"],
    ["224.0.0.1", "multicast"], ["255.255.255.255", "reserved"], ["::1", "loopback"], ["::", "unspecified"], ["fd00::1", "private"],
    ["fe80::1", "link-local"], ["ff02::1", "multicast"], ["2001:db8::1", "public"], ["::ffff:127.0.0.1", "loopback"], ["::ffff:8.8.8.8", "public"],
    ["github.com", undefined], ["1.2.3", undefined], ["300.1.1.1", undefined],
  ])("%s is %s", (address, kind) => expect(classifyAddress(address)).toBe(kind));
});

describe("checkSourceUrl", () => {
  it.each<[string, string[], ReturnType<typeof checkSourceUrl>]>([
    ["https://github.com/o/r/archive/main.tar.gz", [], { ok: true, publicOnly: true }],
    ["http://127.0.0.1:8080/s.tgz", [], { ok: false, error: "source_blob.url's host 127.0.0.1 is a loopback address (127.0.0.1): Pier only downloads from public addresses unless the operator allows the host; ask the operator to add it to PIER_SOURCE_URL_ALLOW" }],
    ["http://[::1]/s.tgz", [], { ok: false, error: "source_blob.url's host [::1] is a loopback address (::1): Pier only downloads from public addresses unless the operator allows the host; ask the operator to add it to PIER_SOURCE_URL_ALLOW" }],
    ["http://127.0.0.1:8080/s.tgz", ["127.0.0.1"], { ok: true, publicOnly: false }],
    ["http://127.0.0.1:8080/s.tgz", ["http://127.0.0.1:8080/"], { ok: true, publicOnly: false }],
    ["http://127.0.0.1:9999/s.tgz", ["http://127.0.0.1:8080/"], { ok: false, error: "source_blob.url's host 127.0.0.1 is not one this Pier downloads from: ask the operator to add it to PIER_SOURCE_URL_ALLOW" }],
    ["https://codeload.github.com/x.tgz", ["*.github.com"], { ok: true, publicOnly: false }],
    ["https://example.org/x.tgz", ["*.github.com"], { ok: false, error: "source_blob.url's host example.org is not one this Pier downloads from: ask the operator to add it to PIER_SOURCE_URL_ALLOW" }],
    ["https://example.org/x.tgz", ["public", "git.internal"], { ok: true, publicOnly: true }],
    ["https://git.internal/x.tgz", ["public", "git.internal"], { ok: true, publicOnly: false }],
    ["file:///etc/passwd", [], { ok: false, error: "source_blob.url must be an http or https URL, got file:" }],
  ])("%s with %j", (url, allow, expected) => expect(checkSourceUrl(new URL(url), allow)).toEqual(expected));
});

describe("checkSourceAddress", () => {
  it.each([
    ["example.org", "93.184.216.34", undefined],
    ["evil.example", "169.254.169.254", "source_blob.url's host evil.example is a link-local address (169.254.169.254): Pier only downloads from public addresses unless the operator allows the host; ask the operator to add it to PIER_SOURCE_URL_ALLOW"],
  ])("%s at %s", (host, address, expected) => expect(checkSourceAddress(host, address)).toBe(expected));
});
