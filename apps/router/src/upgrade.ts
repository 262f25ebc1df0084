import http from "node:http";
import type { Duplex } from "node:stream";
import { hostFromHeader, lookupHost, type CompiledLookup } from "@pier/routing-core";
import { renderErrorPage } from "./error-page.js";
import type { ProxyContext } from "./exchange.js";
import { clientAddress, clientResponseHeaders, upstreamRequestHeaders } from "./forward-headers.js";
import { formatRequestLog, type RequestLogFields } from "./log-line.js";
import { requestIdFrom } from "./request-id.js";
import { ROUTER_ERRORS, type RouterError } from "./router-errors.js";

function headBlock(status: number, message: string | undefined, raw: string[]): string {
  let text = `HTTP/1.1 ${status} ${message || http.STATUS_CODES[status] || ""}\r\n`;
  for (let i = 0; i < raw.length; i += 2) text += `${raw[i]}: ${raw[i + 1]}\r\n`;
  return `${text}\r\n`;
}

/**
 * WebSocket (and any other `Upgrade`) pass-through: the upgrade request goes to one backend on
 * its own connection; on 101 the two sockets are piped to each other until either side closes.
 * An app that declines the upgrade gets its ordinary response passed back, then the connection
 * closes.
 */
export function handleUpgrade(
  ctx: ProxyContext,
  getLookup: () => CompiledLookup,
  fixedPort: string | undefined,
  req: http.IncomingMessage,
  socket: Duplex,
  head: Buffer,
): void {
  const start = Date.now();
  const host = hostFromHeader(req.headers.host) ?? "";
  const requestId = requestIdFrom(req.headers["x-request-id"]);
  const fwd = clientAddress(req.socket.remoteAddress);
  const fields: RequestLogFields = { method: req.method ?? "", path: req.url ?? "", host, requestId, fwd, status: 0, bytes: 0 };
  let logged = false;
  const log = (status: number, error?: { code: string | undefined; desc: string }) => {
    if (logged) return;
    logged = true;
    ctx.log(formatRequestLog({ ...fields, status }, error));
  };
  const fail = (error: RouterError) => {
    const page = renderErrorPage(error, host, requestId);
    socket.end(headBlock(error.status, undefined, [
      "Content-Type", "text/html; charset=utf-8", "Content-Length", String(Buffer.byteLength(page)),
      "Connection", "close", "X-Request-Id", requestId,
    ]) + page);
    fields.bytes = Buffer.byteLength(page);
    log(error.status, error);
  };
  const link: { upstream?: http.ClientRequest } = {};
  socket.on("error", () => {
    link.upstream?.destroy();
    log(499, { code: "H27", desc: "Client Request Interrupted" });
  });

  const route = lookupHost(getLookup(), host);
  if (route === undefined) return fail(ROUTER_ERRORS.noSuchApp);
  if (route.maintenance) return fail(ROUTER_ERRORS.maintenance);
  if (route.backends.length === 0) return fail(ROUTER_ERRORS.noWebProcesses);

  const backend = route.backends[(Math.random() * route.backends.length) | 0]!;
  fields.dyno = backend.instance;
  const headers = upstreamRequestHeaders(req.rawHeaders, req.headers.connection, {
    clientAddress: fwd, port: fixedPort ?? String(req.socket.localPort), host: req.headers.host ?? "", requestId, start, chunked: false,
  });
  headers.push("Connection", "Upgrade", "Upgrade", req.headers.upgrade ?? "");
  const up = http.request({ host: backend.host, port: backend.port, method: req.method, path: req.url, headers, agent: false });
  link.upstream = up;
  const timer = setTimeout(() => {
    up.destroy();
    fail(ROUTER_ERRORS.timeout);
  }, ctx.firstByteTimeoutMs);
  up.on("socket", (s) => s.once("connect", () => (fields.connectMs = Date.now() - start)));

  up.on("upgrade", (res, upSocket, upHead) => {
    clearTimeout(timer);
    const connectedAt = Date.now();
    const raw = res.rawHeaders.filter((_, i, all) => all[i - (i % 2)]!.toLowerCase() !== "x-request-id");
    socket.write(headBlock(res.statusCode!, res.statusMessage, [...raw, "X-Request-Id", requestId]));
    if (upHead.length > 0) socket.write(upHead);
    if (head.length > 0) upSocket.write(head);
    upSocket.on("error", () => socket.destroy());
    upSocket.on("close", () => {
      socket.destroy();
      fields.serviceMs = Date.now() - connectedAt;
      fields.bytes = upSocket.bytesRead;
      log(res.statusCode!);
    });
    socket.on("close", () => upSocket.destroy());
    upSocket.pipe(socket).pipe(upSocket);
  });

  up.on("response", (res) => {
    clearTimeout(timer);
    const raw = clientResponseHeaders(res.rawHeaders, res.headers.connection, requestId);
    socket.write(headBlock(res.statusCode!, res.statusMessage, [...raw, "Connection", "close"]));
    res.on("data", (chunk: Buffer) => (fields.bytes += chunk.length));
    res.on("end", () => log(res.statusCode!));
    res.pipe(socket);
  });

  up.on("error", (err: NodeJS.ErrnoException) => {
    clearTimeout(timer);
    if (logged || socket.destroyed) return;
    fail(err.code === "ECONNREFUSED" ? ROUTER_ERRORS.connectFailed : ROUTER_ERRORS.noResponse);
  });
  up.end();
}
