import { describe, expect, it } from "vitest";
import { parseConfig } from "./parse-config.js";

describe("parseConfig", () => {
  it("has defaults for a single-host install", () => {
    const c = parseConfig({});
    expect(c).toMatchObject({
      dataDir: "/var/lib/pier",
      apiPort: 5000,
      httpPort: 80,
      httpsPort: 443,
      baseDomain: "localhost",
      apiUrl: "http://127.0.0.1:5000",
      redisUrl: "redis://127.0.0.1:6379",
      bootTimeoutMs: 60_000,
      sshPort: 2222,
      rendezvousPort: 5001,
      build: { concurrency: 2, timeoutMs: 900_000, memoryBytes: 2048 * 1024 * 1024 },
    });
    expect(c.pip.indexUrl).toBe("https://pypi.org/simple");
    expect(c.sourceUrlAllow).toEqual([]);
  });

  it.each([
    { raw: undefined, want: undefined },
    { raw: "", want: undefined },
    { raw: "10.0.0.5", want: "10.0.0.5" },
    { raw: " Node-1.Internal ", want: "node-1.internal" },
  ])("reads PIER_HOST_ADDRESS $raw as $want", ({ raw, want }) => {
    expect(parseConfig({ PIER_HOST_ADDRESS: raw }).hostAddress).toBe(want);
  });

  it.each(["10.0.0.256", "http://10.0.0.5", "10.0.0.5:2375", "a b"])("refuses PIER_HOST_ADDRESS %s, saying what it wants", (raw) => {
    expect(() => parseConfig({ PIER_HOST_ADDRESS: raw })).toThrow(/PIER_HOST_ADDRESS must be this machine's IPv4 address or DNS name/);
  });

  it("reads the ACME retry base in seconds, unset meaning the planner's default", () => {
    expect(parseConfig({}).acmeRetryBaseMs).toBeUndefined();
    expect(parseConfig({ PIER_ACME_RETRY_BASE: "2" }).acmeRetryBaseMs).toBe(2_000);
  });

  it("reads the source URL allow-list, space or comma separated", () => {
    expect(parseConfig({ PIER_SOURCE_URL_ALLOW: "public, *.github.com https://git.internal/org/" }).sourceUrlAllow).toEqual(["public", "*.github.com", "https://git.internal/org/"]);
  });

  it("keeps the config-var key beside the data unless told otherwise", () => {
    expect(parseConfig({ PIER_DATA_DIR: "/srv/pier" }).secretKeyFile).toBe("/srv/pier/secret.key");
    const key = Buffer.alloc(32, 7).toString("base64");
    expect(parseConfig({ PIER_SECRET_KEY: key }).secretKey).toBe(key);
  });

  it("reads the previous secret keys a rotation still accepts", () => {
    const [a, b] = [Buffer.alloc(32, 1).toString("base64"), Buffer.alloc(32, 2).toString("base64")];
    expect(parseConfig({}).previousSecretKeys).toEqual([]);
    expect(parseConfig({ PIER_SECRET_KEY_PREVIOUS: `${a} ${b}` }).previousSecretKeys).toEqual([a, b]);
    expect(() => parseConfig({ PIER_SECRET_KEY_PREVIOUS: "short" })).toThrow(/PIER_SECRET_KEY_PREVIOUS must be 32 random bytes/);
  });

  it("derives the API URL from the API port", () => {
    expect(parseConfig({ PIER_API_PORT: "5050" }).apiUrl).toBe("http://127.0.0.1:5050");
  });

  it.each([
    [{ PIER_API_PORT: "abc" }, /PIER_API_PORT must be a port number/],
    [{ PIER_HTTP_PORT: "70000" }, /PIER_HTTP_PORT must be a port/],
    [{ PIER_HTTPS_PORT: "-1" }, /PIER_HTTPS_PORT/],
    [{ PIER_DATA_DIR: "relative/dir" }, /PIER_DATA_DIR must be an absolute path/],
    [{ DATABASE_URL: "mysql://x" }, /DATABASE_URL must be a postgresql: or postgres: URL/],
    [{ DATABASE_URL: "not a url" }, /DATABASE_URL must be a URL/],
    [{ REDIS_URL: "http://x" }, /REDIS_URL must be a redis: or rediss: URL/],
    [{ PIER_BASE_DOMAIN: "bad_domain!" }, /PIER_BASE_DOMAIN must be a DNS name/],
    [{ PIER_ADMIN_EMAIL: "nobody" }, /PIER_ADMIN_EMAIL must be an email/],
    [{ PIER_BOOT_TIMEOUT: "0" }, /PIER_BOOT_TIMEOUT must be a positive whole number/],
    [{ PIER_PIP_EXTRA_INDEX_URLS: "ok:x nope" }, /PIER_PIP_EXTRA_INDEX_URLS\[0\]/],
    [{ PIER_SECRET_KEY: "c2hvcnQ=" }, /PIER_SECRET_KEY must be 32 random bytes/],
    [{ PIER_SECRET_KEY_FILE: "key" }, /PIER_SECRET_KEY_FILE must be an absolute path/],
  ])("rejects %o with a one-line message naming the setting", (env, message) => {
    expect(() => parseConfig(env)).toThrow(message);
  });
});
