import { describe, expect, it } from "vitest";
import { countConnectionsTo } from "./tcp-connections.js";

const HEADER = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode";
const row = (sl: number, local: string, remote: string, st: string) => `  ${sl}: ${local} ${remote} ${st} 00000000:00000000 00:00000000 00000000 10001        0 1234 1 0000000000000000 20 4 30 10 -1`;
// Port 5000 is 1388 in hex.
const LISTEN = row(0, "00000000:1388", "00000000:0000", "0A");
const SERVING = row(1, "020011AC:1388", "010011AC:C350", "01");
const QUEUED = row(2, "020011AC:1388", "010011AC:C351", "01");
const HALF_OPEN = row(3, "020011AC:1388", "010011AC:C352", "03");
const CLOSING = row(4, "020011AC:1388", "010011AC:C353", "06"); // TIME_WAIT
const OUTGOING = row(5, "020011AC:D431", "010011AC:1388", "01"); // the app's own client to some :5000
const V6 = `  0: 00000000000000000000000001000000:1388 00000000000000000000000001000000:A1B2 01 00000000:00000000 00:00000000 00000000 10001 0 99 1`;

describe("countConnectionsTo", () => {
  it.each([
    ["nothing but the listener", [HEADER, LISTEN], 0],
    ["one being served, one in the accept queue, one half-open", [HEADER, LISTEN, SERVING, QUEUED, HALF_OPEN], 3],
    ["closed connections and the app's own outgoing ones do not count", [HEADER, LISTEN, CLOSING, OUTGOING], 0],
    ["tcp and tcp6 tables one after the other", [HEADER, LISTEN, SERVING, HEADER, V6], 2],
    ["empty", [], 0],
  ])("%s", (_name, lines, expected) => {
    expect(countConnectionsTo(lines.join("\n"), 5000)).toBe(expected);
  });
});
