/** A server the API runs beside its HTTP one (git over SSH, heroku run's rendezvous). */
interface Listener {
  once(event: "error", listener: (err: NodeJS.ErrnoException) => void): unknown;
  listen(port: number, host: string, listening: () => void): unknown;
  close(done: () => void): unknown;
}

/**
 * Listens on `port`, or logs why it cannot and what to set: a port that is taken turns that one
 * endpoint off, not the API. Returns a function that closes it.
 */
export async function listenBesideApi(server: Listener, o: { what: string; port: number; host: string; portVariable: string; log: (line: string) => void }): Promise<() => Promise<void>> {
  const listening = await new Promise<boolean>((resolve) => {
    server.once("error", (err) => {
      o.log(`${o.what} is OFF: cannot listen on port ${o.port} (${err.code ?? err.message}); set ${o.portVariable} to a free port and restart`);
      resolve(false);
    });
    server.listen(o.port, o.host, () => resolve(true));
  });
  if (!listening) return async () => {};
  o.log(`${o.what} on port ${o.port}`);
  return () => new Promise((resolve) => server.close(() => resolve()));
}
