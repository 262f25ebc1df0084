import { describe, expect, it } from "vitest";
import { placeInstances, type ExistingPlacement, type PlacementHost, type PlacementRequest } from "./place.js";

const GB = 1024 ** 3;
const MB = 1024 ** 2;
const host = (name: string, memoryGb = 4, allocatedGb = 0, ready = true): PlacementHost => ({
  id: `id-${name}`,
  name,
  ready,
  memoryBytes: memoryGb * GB,
  allocatedBytes: allocatedGb * GB,
});
const req = (group: string, count: number, memoryBytes = 512 * MB): PlacementRequest => ({ group, count, memoryBytes });

describe("placeInstances", () => {
  it.each<[string, PlacementHost[], ExistingPlacement[], PlacementRequest[], string[][]]>([
    ["one instance goes to the least allocated host", [host("a", 4, 2), host("b", 4, 1)], [], [req("x/web", 1)], [["id-b"]]],
    ["ties are broken by host name", [host("b"), host("a")], [], [req("x/web", 1)], [["id-a"]]],
    ["a process type spreads across hosts before doubling up", [host("a"), host("b"), host("c")], [], [req("x/web", 4)], [["id-a", "id-b", "id-c", "id-a"]]],
    ["spreading beats allocation", [host("a", 4, 3), host("b")], [{ group: "x/web", hostId: "id-b" }], [req("x/web", 1)], [["id-a"]]],
    ["other groups do not count toward spreading", [host("a"), host("b", 4, 0.5)], [{ group: "y/web", hostId: "id-a" }], [req("x/web", 1)], [["id-a"]]],
    ["allocation is a share of the host's memory", [host("a", 8, 2), host("b", 2, 1)], [], [req("x/web", 1)], [["id-a"]]],
    ["draining and down hosts get nothing", [host("a", 4, 0, false), host("b", 4, 3)], [], [req("x/web", 1)], [["id-b"]]],
    ["a host too full for the size is skipped", [host("a", 4, 3.75), host("b", 4, 3.5)], [], [req("x/web", 1, GB / 2)], [["id-b"]]],
    ["requests see each other's placements", [host("a"), host("b")], [], [req("x/web", 1), req("x/worker", 1)], [["id-a"], ["id-b"]]],
  ])("%s", (_name, hosts, existing, requests, expected) => {
    const result = placeInstances({ hosts, existing, requests });
    expect(result).toEqual({ ok: true, placements: requests.map((r, i) => ({ group: r.group, hostIds: expected[i] })) });
  });

  it.each<[string, PlacementHost[], PlacementRequest[], string]>([
    ["nothing fits", [host("host-a", 4, 3.75), host("host-b", 4, 3.5)], [req("x/web", 1, GB)], "needs 1 GB, largest free 512 MB on host-b"],
    ["the second instance does not fit", [host("a", 1, 0)], [req("x/web", 2, 768 * MB)], "needs 768 MB, largest free 256 MB on a"],
    ["no ready host", [host("a", 4, 0, false)], [req("x/web", 1)], "needs 512 MB, but no host is ready"],
  ])("refuses when %s", (_name, hosts, requests, reason) => {
    expect(placeInstances({ hosts, existing: [], requests })).toEqual({ ok: false, group: "x/web", reason });
  });

  it("gives the same answer for the same input, whatever the host order", () => {
    const hosts = Array.from({ length: 20 }, (_, i) => host(`h${i}`, 2 + (i % 3), (i % 5) / 2));
    const requests = [req("a/web", 7), req("b/web", 5, GB), req("a/worker", 3)];
    const first = placeInstances({ hosts, existing: [], requests });
    const again = placeInstances({ hosts: [...hosts].reverse(), existing: [], requests });
    expect(again).toEqual(first);
  });
});
