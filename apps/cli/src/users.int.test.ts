import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startTestApi, type TestApi } from "../../api/src/testing/test-api.js";
import { COMMANDS } from "./main.js";
import { runCli } from "./run.js";

/** The users admin commands against a real API (in this process, on a fresh database). */
describe("pier users:*", () => {
  let api: TestApi;
  const pid = process.pid;

  async function pier(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const stdout: string[] = [];
    const stderr: string[] = [];
    const o = vi.spyOn(process.stdout, "write").mockImplementation((c) => (stdout.push(String(c)), true));
    const e = vi.spyOn(process.stderr, "write").mockImplementation((c) => (stderr.push(String(c)), true));
    try {
      const code = await runCli(COMMANDS, argv);
      return { code, stdout: stdout.join(""), stderr: stderr.join("") };
    } finally {
      o.mockRestore();
      e.mockRestore();
    }
  }

  beforeAll(async () => {
    api = await startTestApi("pier_cli_users");
    await api.server.listen({ port: 0, host: "127.0.0.1" });
    vi.stubEnv("PIER_API_URL", `http://127.0.0.1:${(api.server.server.address() as AddressInfo).port}`);
    vi.stubEnv("PIER_API_KEY", api.adminToken);
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await api?.close();
  });

  it("creates, lists, promotes, disables and removes a user", async () => {
    const email = `cli-${pid}@example.com`;
    expect(await pier("users:create", email)).toMatchObject({ code: 0, stdout: expect.stringContaining(`Created user ${email}`) });
    expect(await pier("users:role", email, "admin")).toMatchObject({ code: 0, stdout: `${email} is now an admin\n` });
    expect(await pier("users:disable", email)).toMatchObject({ code: 0, stdout: `Disabled ${email}\n` });
    const list = await pier("users");
    const row = list.stdout.split("\n").find((l) => l.startsWith(email));
    expect(row).toMatch(new RegExp(`^${email}\\s+admin\\s+disabled\\s+\\S+$`));
    expect(list.stdout.split("\n")[0]).toBe("=== Users");

    const unconfirmed = await pier("users:remove", email);
    expect(unconfirmed).toMatchObject({ code: 2, stderr: expect.stringContaining(`--confirm ${email}`) });
    expect(await pier("users:remove", email, "--confirm", email)).toMatchObject({ code: 0, stdout: `Removed ${email}\n` });
    expect(await pier("users:role", email, "member")).toMatchObject({ code: 4 });
  });

  it("exits 6 with the API's explanation when the last admin would be demoted", async () => {
    const res = await pier("users:role", "admin@example.com", "member");
    expect(res.code).toBe(6);
    expect(res.stderr).toContain("last admin");
  });

  it("names the apps that keep a user from being removed", async () => {
    const owner = await api.addUser(`owner-${pid}@example.com`);
    await api.server.inject({ method: "POST", url: "/apps", headers: { authorization: `Bearer ${owner.token}` }, payload: { name: `owned-${pid}` } });
    const res = await pier("users:remove", `owner-${pid}@example.com`, "--confirm", `owner-${pid}@example.com`);
    expect(res.code).toBe(6);
    expect(res.stderr).toContain(`owned-${pid}`);
    expect(res.stderr.trim().split("\n")).toHaveLength(1);
  });
});
