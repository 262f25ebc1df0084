import { writeFileSync } from "node:fs";
import path from "node:path";
import { parseDrainUrl } from "@pier/log-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { drainCaFromEnv } from "./drain-ca.js";
import { frames, logplexReceiver, selfSignedCert, syslogReceiver, until, type SyslogReceiver } from "./drain-testing.js";
import { createDrainTransport } from "./drain-transport.js";

const LINE = (message: string) => `2026-01-01T12:00:00.123Z app[web.1]: ${message}`;

describe("syslog+tls drains (a local TLS receiver with a self-signed certificate)", () => {
  let cert: ReturnType<typeof selfSignedCert>;
  let rx: SyslogReceiver;

  beforeAll(async () => {
    cert = selfSignedCert();
    rx = await syslogReceiver({ tls: cert });
  });
  afterAll(async () => {
    await rx?.close();
    cert?.cleanup();
  });

  it("refuses a receiver whose certificate it cannot verify", async () => {
    const t = createDrainTransport(parseDrainUrl(`syslog+tls://localhost:${rx.port}`), "d.tls");
    await expect(t.send([LINE("never")])).rejects.toThrow(/self[- ]signed/i);
    t.close();
  });

  it("trusts the operator's CA (PIER_DRAIN_CA_FILE) and sends RFC 5424 octet-counted frames", async () => {
    const caPem = drainCaFromEnv({ PIER_DRAIN_CA_FILE: cert.certFile });
    const t = createDrainTransport(parseDrainUrl(`syslog+tls://localhost:${rx.port}`), "d.tls", { caPem });
    await t.send([LINE("one"), LINE("two é")]);
    await t.send([LINE("three")]);
    await until("three frames", () => frames(rx.data()).length >= 3);
    t.close();
    expect(frames(rx.data())).toEqual([
      "<190>1 2026-01-01T12:00:00.123Z d.tls app web.1 - one",
      "<190>1 2026-01-01T12:00:00.123Z d.tls app web.1 - two é",
      "<190>1 2026-01-01T12:00:00.123Z d.tls app web.1 - three",
    ]);
  });

  it("posts to an https drain whose certificate the operator's CA vouches for, and to no other", async () => {
    const https = await logplexReceiver({ tls: cert });
    const url = `https://localhost:${https.port}/logs`;
    const untrusted = createDrainTransport(parseDrainUrl(url), "d.tls");
    await expect(untrusted.send([LINE("never")])).rejects.toThrow(/self[- ]signed/i);
    const t = createDrainTransport(parseDrainUrl(url), "d.tls", { caPem: drainCaFromEnv({ PIER_DRAIN_CA_FILE: cert.certFile }) });
    await t.send([LINE("one"), LINE("two")]);
    await https.close();
    expect(https.frames()).toEqual(["<190>1 2026-01-01T12:00:00.123Z d.tls app web.1 - one", "<190>1 2026-01-01T12:00:00.123Z d.tls app web.1 - two"]);
  });

  it("still checks the receiver's name against its certificate", async () => {
    const other = selfSignedCert(["logs.example.test"]);
    const impostor = await syslogReceiver({ tls: other });
    const t = createDrainTransport(parseDrainUrl(`syslog+tls://localhost:${impostor.port}`), "d.tls", { caPem: other.cert });
    await expect(t.send([LINE("never")])).rejects.toThrow(/altnames|does not match/i);
    t.close();
    await impostor.close();
    other.cleanup();
    expect(impostor.data()).toBe("");
  });
});

describe("drainCaFromEnv", () => {
  it("is undefined when unset, and names the problem with a bad file", () => {
    expect(drainCaFromEnv({})).toBeUndefined();
    expect(() => drainCaFromEnv({ PIER_DRAIN_CA_FILE: "/nonexistent/ca.pem" })).toThrow(/PIER_DRAIN_CA_FILE: cannot read \/nonexistent\/ca\.pem/);
    const cert = selfSignedCert();
    const notPem = path.join(path.dirname(cert.certFile), "not.pem");
    writeFileSync(notPem, "hello");
    expect(() => drainCaFromEnv({ PIER_DRAIN_CA_FILE: notPem })).toThrow(/holds no PEM certificate/);
    cert.cleanup();
  });
});
