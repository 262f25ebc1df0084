import { describe, expect, it } from "vitest";
import { drainBackoffMs, drainDroppedMessage, logplexBatch, octetFrame, syslogMessage } from "./drain-format.js";
import { parseDrainUrl, redactDrainUrl } from "./drain-url.js";

describe("parseDrainUrl", () => {
  it.each([
    ["syslog://logs.example.com:1234", { kind: "syslog", host: "logs.example.com", port: 1234 }],
    ["syslog+tls://logs.example.com", { kind: "syslog+tls", host: "logs.example.com", port: 6514 }],
    ["https://u:p@logs.example.com/in", { kind: "https", host: "logs.example.com", port: 443 }],
    ["http://10.0.0.5:8080/drain", { kind: "http", host: "10.0.0.5", port: 8080 }],
    ["syslog://[::1]:514", { kind: "syslog", host: "::1", port: 514 }],
  ])("%s", (raw, want) => expect(parseDrainUrl(raw)).toMatchObject(want));

  it.each(["logs.example.com:514", "ftp://x", "syslog://host:514/path", "not a url"])("rejects %s", (raw) => {
    expect(() => parseDrainUrl(raw)).toThrow(/drain|URL|syslog/i);
  });

  it("redacts credentials", () => {
    expect(redactDrainUrl("https://user:secret@x.example/in")).toBe("https://redacted@x.example/in");
    expect(redactDrainUrl("syslog://x.example:1")).toBe("syslog://x.example:1");
  });
});

describe("drain frames", () => {
  it.each([
    ["2026-01-01T12:00:00.123Z app[web.1]: hello", "<190>1 2026-01-01T12:00:00.123Z d.tok app web.1 - hello"],
    ["2026-01-01T12:00:00.123Z pier[router]: at=info a]: b", "<190>1 2026-01-01T12:00:00.123Z d.tok pier router - at=info a]: b"],
    ["garbage", "<190>1 - d.tok pier logs - garbage"],
  ])("%s", (text, message) => expect(syslogMessage(text, "d.tok")).toBe(message));

  it("counts octets, not characters", () => expect(octetFrame("é")).toBe("2 é"));

  it("batches frames with logplex headers", () => {
    const batch = logplexBatch(["2026-01-01T12:00:00.123Z app[web.1]: a", "2026-01-01T12:00:00.124Z app[web.1]: b"], "d.tok", "f1");
    expect(batch.body).toBe("51 <190>1 2026-01-01T12:00:00.123Z d.tok app web.1 - a51 <190>1 2026-01-01T12:00:00.124Z d.tok app web.1 - b");
    expect(batch.headers).toMatchObject({ "content-type": "application/logplex-1", "logplex-msg-count": "2", "logplex-frame-id": "f1", "logplex-drain-token": "d.tok" });
  });

  it.each([
    [1, 500],
    [2, 1000],
    [5, 8000],
    [20, 60_000],
  ])("backs off after %i failures: %i ms", (n, ms) => expect(drainBackoffMs(n)).toBe(ms));

  it("says L10 with the count", () => {
    expect(drainDroppedMessage(12, "2026-01-01T12:00:00.000Z", "syslog://x:1")).toBe(
      "Error L10 (output buffer overflow): 12 messages dropped since 2026-01-01T12:00:00.000Z for drain syslog://x:1",
    );
  });
});
