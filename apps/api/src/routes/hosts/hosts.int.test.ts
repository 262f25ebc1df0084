import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, startTestApi, type TestApi } from "../../testing/test-api.js";

/** Hosts through the API; the "other engine" is this machine's own Docker socket. */
describe("hosts (admin)", () => {
  let api: TestApi;
  let userToken: string;
  const call = (method: "GET" | "POST", url: string, payload?: object, token = api.adminToken) => api.server.inject({ method, url, payload, headers: bearer(token) });

  beforeAll(async () => {
    api = await startTestApi("pier_hosts");
    userToken = (await api.addUser(`hosts-user-${process.pid}@example.com`)).token;
  });
  afterAll(async () => {
    await api?.close();
  });

  it("adds an engine it can reach, with the capacity the engine reports", async () => {
    const res = await call("POST", "/hosts", { name: "Host-B", docker_url: "unix:///var/run/docker.sock" });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ name: "host-b", state: "ready", address: "127.0.0.1", tls: false, instances: 0 });
    expect(res.json().cpus).toBeGreaterThan(0);
    expect(res.json().memory_bytes).toBeGreaterThan(0);
    expect((await call("POST", "/hosts", { name: "host-b", docker_url: "unix:///var/run/docker.sock" })).statusCode).toBe(409);
  });

  it.each([
    ["an engine that does not answer", { name: "host-c", docker_url: "tcp://127.0.0.1:1" }, "Cannot reach the Docker engine of host-c"],
    ["a bad name", { name: "host c!", docker_url: "unix:///var/run/docker.sock" }, "is not a host name"],
    ["a bad address", { name: "host-c", docker_url: "ftp://x" }, "is not a Docker engine address"],
    ["a certificate without its key", { name: "host-c", docker_url: "tcp://127.0.0.1:2376", tls_cert: "PEM" }, "both a client certificate and its key"],
  ])("refuses %s with the reason", async (_what, body, message) => {
    const res = await call("POST", "/hosts", body);
    expect(res.statusCode).toBe(422);
    expect(res.json().message).toContain(message);
  });

  it("lists hosts with state, heartbeat and instance count; drains and undrains", async () => {
    const list = (await call("GET", "/hosts")).json() as { name: string; instances: number; last_heartbeat_at: string }[];
    expect(list.map((h) => h.name)).toEqual(["host-b"]);
    expect(list[0]!.last_heartbeat_at).toBeTruthy();
    expect((await call("POST", "/hosts/host-b/actions/drain")).json()).toMatchObject({ state: "draining" });
    expect((await call("GET", "/hosts/host-b")).json()).toMatchObject({ state: "draining" });
    expect((await call("POST", "/hosts/host-b/actions/undrain")).json()).toMatchObject({ state: "ready" });
  });

  it("refuses to remove a host while instances remain, with the reason, then removes it empty", async () => {
    const host = await api.prisma.host.findUniqueOrThrow({ where: { name: "host-b" } });
    const app = (await call("POST", "/apps", { name: `hosts-app-${process.pid}` })).json() as { id: string };
    const release = await api.prisma.release.create({ data: { appId: app.id, version: 1, status: "succeeded", imageTag: "x", processTypes: { web: ["x"] }, config: {} } });
    await api.prisma.instance.create({ data: { appId: app.id, releaseId: release.id, hostId: host.id, type: "web", number: 1, state: "up" } });
    const refused = await call("POST", "/hosts/host-b/actions/remove");
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toBe("Host host-b still has 1 instance: drain it first (pier hosts:drain host-b) and remove it once pier hosts shows 0 instances.");
    expect((await call("GET", "/hosts/host-b")).json()).toMatchObject({ instances: 1 });
    await api.prisma.instance.deleteMany({ where: { hostId: host.id } });
    expect((await call("POST", "/hosts/host-b/actions/remove")).statusCode).toBe(204);
    expect((await call("GET", "/hosts/host-b")).statusCode).toBe(404);
  });

  it("is for admins only", async () => {
    expect((await call("GET", "/hosts", undefined, userToken)).statusCode).toBe(403);
    expect((await call("POST", "/hosts", { name: "sneaky", docker_url: "unix:///var/run/docker.sock" }, userToken)).statusCode).toBe(403);
    expect((await call("POST", "/hosts/host-b/actions/drain", undefined, userToken)).statusCode).toBe(403);
  });
});
