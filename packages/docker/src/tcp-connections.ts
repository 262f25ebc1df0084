/** TCP states (hex, as in /proc/net/tcp) of a connection a client opened and is waiting on. */
const PENDING_STATES = new Set(["01", "03"]); // ESTABLISHED (accepted or still in the accept queue), SYN_RECV

/**
 * Connections to local `port` in the text of /proc/net/tcp and /proc/net/tcp6 (one or both,
 * headers included) that a client is still using: established, whether the app has accepted
 * them or they wait in its accept queue, or half-open. Listening and closing sockets do not count.
 */
export function countConnectionsTo(table: string, port: number): number {
  const portHex = port.toString(16).toUpperCase().padStart(4, "0");
  let n = 0;
  for (const line of table.split("\n")) {
    const fields = line.trim().split(/\s+/);
    // sl local_address rem_address st ...; local_address is HEXIP:HEXPORT
    if (fields.length < 4 || !fields[0]!.endsWith(":")) continue;
    const local = fields[1]!;
    if (local.slice(local.lastIndexOf(":") + 1).toUpperCase() === portHex && PENDING_STATES.has(fields[3]!)) n += 1;
  }
  return n;
}
