import { PassThrough } from "node:stream";
import tls from "node:tls";
import { attachOneOff, type EngineDeps } from "@pier/use-cases";
import { listenBesideApi } from "../listen-beside-api.js";
import { rendezvousHostname } from "./address.js";
import { loadOrCreateRendezvousCertificate } from "./certificate.js";
import { claimRendezvousSecret } from "./secrets.js";
import { endAtCtrlD, splitSecretLine } from "./protocol.js";

/** How long a client has to send its secret after connecting. */
const SECRET_WAIT_MS = 10_000;

/**
 * `heroku run`'s rendezvous endpoint on PIER_RENDEZVOUS_PORT (TLS): the client sends the secret
 * from `attach_url`, Pier answers one line (which the client discards), then the connection is
 * the one-off's terminal or stdin and output. A port that is taken is logged, not fatal.
 */
export async function startRendezvousEndpoint(deps: EngineDeps, log: (line: string) => void): Promise<() => Promise<void>> {
  const { cert, key, certFile } = await loadOrCreateRendezvousCertificate(deps.config.dataDir, rendezvousHostname(deps.config));
  const server = tls.createServer({ cert, key, minVersion: "TLSv1.2" }, (socket) => {
    void serve(socket, deps).catch((err: Error) => {
      log(`rendezvous: ${err.message}`);
      socket.destroy();
    });
  });
  server.on("tlsClientError", () => {}); // a client that does not trust the certificate: its side says why
  log(`heroku run's rendezvous certificate: ${certFile}`);
  return listenBesideApi(server, { what: "heroku run (rendezvous)", port: deps.config.rendezvousPort, host: deps.config.apiHost, portVariable: "PIER_RENDEZVOUS_PORT", log });
}

async function serve(socket: tls.TLSSocket, deps: EngineDeps): Promise<void> {
  const aborted = new AbortController();
  // A client that goes away (reset, closed) ends its one-off; its error is not the API's.
  socket.on("error", () => aborted.abort());
  socket.on("close", () => aborted.abort());
  socket.setNoDelay(true);
  const first = await readSecretLine(socket);
  if (first instanceof Error) return void socket.end(`pier: ${first.message}\r\n`);
  const session = await claimRendezvousSecret(deps.redis, first.secret);
  if (!session) return void socket.end("pier: this run is unknown, already attached or expired: run the command again\r\n");
  socket.write("rendezvous\r\n");

  const input = new PassThrough();
  input.write(first.rest);
  socket.pipe(input);
  // With a terminal, Ctrl-D is a keystroke the terminal turns into end-of-file; with pipes it is the end.
  const stdin = session.tty ? input : input.pipe(endAtCtrlD());
  const write = (chunk: Buffer) => void (socket.writable && socket.write(chunk));
  try {
    const outcome = await attachOneOff({ app: session.app, dyno: session.dyno, size: session.size }, { userId: session.userId, isAdmin: session.isAdmin }, deps, {
      stdin,
      signal: aborted.signal,
      onStart() {},
      stdout: write,
      stderr: write,
    });
    if (outcome.timedOut) write(Buffer.from(`pier: ${session.dyno} was stopped at its time limit\r\n`));
  } catch (err) {
    write(Buffer.from(`pier: ${session.dyno} failed: ${(err as Error).message}\r\n`));
  }
  socket.end();
}

function readSecretLine(socket: tls.TLSSocket): Promise<{ secret: string; rest: Buffer } | Error> {
  return new Promise((resolve) => {
    let received = Buffer.alloc(0);
    const timer = setTimeout(() => finish(new Error("no rendezvous secret within 10 s")), SECRET_WAIT_MS);
    const finish = (result: { secret: string; rest: Buffer } | Error) => {
      clearTimeout(timer);
      socket.off("data", onData);
      socket.off("end", onEnd);
      socket.pause();
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const line = splitSecretLine(received);
      if (line !== undefined) finish(line);
    };
    const onEnd = () => finish(new Error("the connection ended before its rendezvous secret"));
    socket.on("data", onData);
    socket.on("end", onEnd);
  });
}
