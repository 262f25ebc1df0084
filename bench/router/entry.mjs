// The harness's contract (../../../shared/bench/README.md): listen on 127.0.0.1:$PORT, forward to
// 127.0.0.1:$UPSTREAM_PORT; with $HOSTS_FILE only those Hosts are routed. Builds a route table from
// them and runs the router's real server code (built dist) on it, access log included.
import fs from "node:fs";
import tls from "node:tls";
import { buildLookup } from "@pier/routing-core";
import { createLineWriter, createRouterServer } from "@pier/router";

const port = Number(process.env.PORT);
const upstreamPort = Number(process.env.UPSTREAM_PORT);
if (!port || !upstreamPort) throw new Error("PORT and UPSTREAM_PORT must be set");

const route = { app: "bench", maintenance: false, backends: [{ host: "127.0.0.1", port: upstreamPort, instance: "web.1" }] };
const hostnames = process.env.HOSTS_FILE
  ? fs.readFileSync(process.env.HOSTS_FILE, "utf8").split("\n").filter(Boolean)
  : ["127.0.0.1"];
const routes = Object.fromEntries(hostnames.map((h) => [h.toLowerCase(), route]));
const lookup = buildLookup({ routes });
const out = createLineWriter(process.stdout);
// With TLS_CERT/TLS_KEY: HTTPS as start-router serves it (SNI callback, h2 and http/1.1 by ALPN);
// the certificate is also the default one, for clients that send no server name.
let tlsOptions;
if (process.env.TLS_CERT && process.env.TLS_KEY) {
  const pair = { cert: fs.readFileSync(process.env.TLS_CERT), key: fs.readFileSync(process.env.TLS_KEY) };
  const context = tls.createSecureContext(pair);
  tlsOptions = { ...pair, SNICallback: (_name, cb) => cb(null, context), minVersion: "TLSv1.2", ALPNProtocols: ["h2", "http/1.1"] };
}
const server = createRouterServer({ getLookup: () => lookup, log: out.write, tls: tlsOptions });
server.listen(port, "127.0.0.1", () => process.stderr.write(`pier router (bench) on ${port}, ${hostnames.length} hostnames\n`));
process.on("SIGTERM", () => {
  out.flush();
  process.exit(0);
});
