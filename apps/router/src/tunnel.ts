import type { Socket } from "node:net";

/**
 * After a 101: the client and app sockets are joined byte for byte until either side closes.
 * The router's own HTTP listeners come off both sockets first.
 */
export function startTunnel(client: Socket, app: Socket, head: string, appBytes: Buffer, clientBytes: Buffer | undefined, onClose: () => void): void {
  for (const s of [client, app]) {
    for (const event of ["data", "end", "drain", "timeout"]) s.removeAllListeners(event);
  }
  app.removeAllListeners("close");
  app.removeAllListeners("error");
  app.on("error", () => app.destroy());
  client.on("timeout", () => client.destroy());
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    client.destroy();
    app.destroy();
    onClose();
  };
  client.on("close", close);
  app.on("close", close);
  client.write(head, "latin1");
  if (appBytes.length > 0) client.write(appBytes);
  if (clientBytes !== undefined) app.write(clientBytes);
  client.pipe(app);
  app.pipe(client);
  client.resume();
}
