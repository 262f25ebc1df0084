import { describe, expect, it } from "vitest";
import { formatTable } from "../print-table.js";
import { hostColumns, type Host } from "./hosts.js";

const NOW = Date.parse("2026-11-22T10:00:00Z");
const host = (over: Partial<Host>): Host => ({
  id: "h",
  name: "host-b",
  docker_url: "tcp://10.0.0.2:2376",
  address: "10.0.0.2",
  state: "ready",
  tls: true,
  cpus: 4,
  memory_bytes: 8 * 1024 ** 3,
  instances: 1,
  last_heartbeat_at: "2026-11-22T09:59:58Z",
  heartbeat_error: null,
  ...over,
});

describe("pier hosts columns", () => {
  it.each<[string, Partial<Host>, string]>([
    ["a ready host", {}, "host-b  ready  2s ago     4     8.0 GB  1          tcp://10.0.0.2:2376 (tls) -> 10.0.0.2"],
    [
      "a down host that never answered, capacity unknown",
      { state: "down", last_heartbeat_at: null, cpus: null, memory_bytes: null, instances: 3, tls: false },
      "host-b  down   never      ?     ?       3          tcp://10.0.0.2:2376 -> 10.0.0.2",
    ],
  ])("%s", (_name, over, expected) => {
    const [header, row] = formatTable([host(over)], hostColumns(NOW));
    expect(header).toBe("NAME    STATE  HEARTBEAT  CPUS  MEMORY  INSTANCES  ENGINE");
    expect(row).toBe(expected);
  });
});
