import { certStoreKeys } from "@pier/route-store";
import { syncCertificates } from "@pier/use-cases";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, startTestApi, type TestApi } from "../../testing/test-api.js";

describe("domains, certificates status and routing switches", () => {
  let api: TestApi;
  const call = (method: "GET" | "POST" | "DELETE" | "PATCH", url: string, payload?: object) =>
    api.server.inject({ method, url, payload, headers: bearer(api.adminToken) });

  beforeAll(async () => {
    api = await startTestApi("pier_domains", { PIER_BASE_DOMAIN: "pier.test" });
    for (const name of ["shop", "blog"]) expect((await call("POST", "/apps", { name })).statusCode).toBe(201);
  });
  afterAll(async () => {
    await api?.close();
  });

  it("adds a custom domain, unique across apps, and lists it after the default one", async () => {
    const added = await call("POST", "/apps/shop/domains", { hostname: "WWW.Shop.Example.", sni_endpoint: null });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ hostname: "www.shop.example", kind: "custom", cname: "shop.pier.test", acm_status: "pending" });
    expect((await call("POST", "/apps/blog/domains", { hostname: "www.shop.example" })).statusCode).toBe(409);
    expect((await call("POST", "/apps/shop/domains", { hostname: "*.shop.example" })).json()).toMatchObject({ acm_status: null, acm_status_reason: expect.stringContaining("DNS-01") });
    const list = (await call("GET", "/apps/shop/domains")).json() as { hostname: string; kind: string }[];
    expect(list.map((d) => [d.hostname, d.kind])).toEqual([["shop.pier.test", "default"], ["*.shop.example", "custom"], ["www.shop.example", "custom"]]);
  });

  it.each([
    ["a name under the base domain", "x.pier.test"],
    ["not a hostname", "bad name!"],
    ["an empty name", " "],
  ])("refuses %s", async (_what, hostname) => {
    expect((await call("POST", "/apps/shop/domains", { hostname })).statusCode).toBe(422);
  });

  it("records issuance and failures on the domain (ACM status) and publishes the bundle", async () => {
    const pass = await syncCertificates(api.deps, async ([hostname]) => {
      if (hostname === "www.shop.example") throw new Error("DNS for www.shop.example does not point at this Pier");
      return { certPem: `CERT ${hostname}`, keyPem: "KEY", notBefore: new Date(), notAfter: new Date(Date.now() + 90 * 86400_000) };
    });
    expect(pass.issued.sort()).toEqual(["blog.pier.test", "shop.pier.test"]);
    expect(pass.failed).toEqual([{ hostname: "www.shop.example", error: "DNS for www.shop.example does not point at this Pier" }]);
    const list = (await call("GET", "/apps/shop/domains")).json() as { hostname: string; acm_status: string; acm_status_reason: string | null }[];
    expect(list.find((d) => d.hostname === "shop.pier.test")).toMatchObject({ acm_status: "issued", acm_status_reason: null });
    expect(list.find((d) => d.hostname === "www.shop.example")).toMatchObject({ acm_status: "failing", acm_status_reason: expect.stringContaining("does not point") });
    const bundle = JSON.parse((await api.deps.redis.get(certStoreKeys().table))!) as { certs: { hostnames: string[]; keySealed: string }[] };
    expect(bundle.certs.map((c) => c.hostnames[0]).sort()).toEqual(["blog.pier.test", "shop.pier.test"]);
    expect(bundle.certs.every((c) => c.keySealed.startsWith("v2:") && !c.keySealed.includes("KEY"))).toBe(true);
    // The failed name waits out its backoff: an immediate second pass orders nothing.
    expect(await syncCertificates(api.deps, async () => { throw new Error("must not be called"); })).toEqual({ issued: [], failed: [] });
  });

  it("switches maintenance mode and the HTTPS redirect", async () => {
    const res = await call("PATCH", "/apps/shop/routing", { maintenance: true, https_redirect: true });
    expect(res.json()).toEqual({ maintenance: true, https_redirect: true });
    expect((await call("PATCH", "/apps/shop/routing", { maintenance: false })).json()).toEqual({ maintenance: false, https_redirect: true });
  });

  it("removes a custom domain and its certificate", async () => {
    expect((await call("DELETE", "/apps/shop/domains/www.shop.example")).statusCode).toBe(200);
    expect((await call("DELETE", "/apps/shop/domains/www.shop.example")).statusCode).toBe(404);
    const list = (await call("GET", "/apps/shop/domains")).json() as { hostname: string }[];
    expect(list.map((d) => d.hostname)).toEqual(["shop.pier.test", "*.shop.example"]);
    expect(await api.prisma.certificate.count({ where: { hostname: "www.shop.example" } })).toBe(0);
  });
});
