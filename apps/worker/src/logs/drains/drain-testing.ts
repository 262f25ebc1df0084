import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer as createHttpServer, type IncomingHttpHeaders, type RequestListener } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { createServer, type AddressInfo, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { createServer as createTlsServer } from "node:tls";

/** Test helpers for drains: local syslog receivers and what they got. */

export async function until(what: string, ok: () => boolean | Promise<boolean>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Splits octet-counted frames (`<len> <msg>`, RFC 6587) as a syslog receiver would; throws on a malformed frame. */
export function frames(data: string): string[] {
  const out: string[] = [];
  let buf = Buffer.from(data);
  while (buf.length > 0) {
    const space = buf.indexOf(0x20);
    const len = Number(buf.subarray(0, space).toString());
    if (space <= 0 || !Number.isInteger(len) || buf.length < space + 1 + len) throw new Error(`not an octet-counted frame: ${JSON.stringify(buf.subarray(0, 80).toString())}`);
    out.push(buf.subarray(space + 1, space + 1 + len).toString());
    buf = buf.subarray(space + 1 + len);
  }
  return out;
}

/** The message part of an RFC 5424 frame: after `<pri>1 time host app proc - `. */
export const messageOf = (frame: string) => frame.slice(frame.indexOf(" - ") + 3);

export interface SyslogReceiver {
  server: Server;
  port: number;
  data(): string;
  close(): Promise<void>;
}

/** A syslog receiver on 127.0.0.1: plain TCP, or TLS with the given certificate. */
export function syslogReceiver(opts: { port?: number; tls?: { cert: string; key: string } } = {}): Promise<SyslogReceiver> {
  let data = "";
  const onSocket = (s: Socket) => {
    // A client that drops the connection mid-handshake or mid-frame is the sender's business, not the receiver's.
    s.on("data", (d) => (data += d)).on("error", () => s.destroy());
  };
  const server: Server = opts.tls ? createTlsServer({ cert: opts.tls.cert, key: opts.tls.key }, onSocket) : createServer(onSocket);
  // Raw connections (for TLS: before the handshake too), so close() ends every one of them.
  const sockets = new Set<Socket>();
  server.on("connection", (s: Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  if (opts.tls) server.on("tlsClientError", (_err, s) => s.destroy());
  return new Promise((resolve) =>
    server.listen(opts.port ?? 0, "127.0.0.1", () =>
      resolve({
        server,
        port: (server.address() as AddressInfo).port,
        data: () => data,
        close: () =>
          new Promise<void>((r) => {
            for (const s of sockets) s.destroy();
            server.close(() => r());
          }),
      }),
    ),
  );
}

export interface LogplexReceiver {
  port: number;
  /** Each POST as received. */
  posts: { headers: IncomingHttpHeaders; body: string }[];
  /** Every frame of every POST, in order. */
  frames(): string[];
  close(): Promise<void>;
}

/** An HTTP drain receiver on 127.0.0.1 (HTTPS with the given certificate) that answers 200 to every POST. */
export function logplexReceiver(opts: { tls?: { cert: string; key: string } } = {}): Promise<LogplexReceiver> {
  const posts: LogplexReceiver["posts"] = [];
  const handler: RequestListener = (req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (d: string) => (body += d)).on("end", () => {
      posts.push({ headers: req.headers, body });
      res.end();
    });
  };
  const server = opts.tls ? createHttpsServer({ cert: opts.tls.cert, key: opts.tls.key }, handler) : createHttpServer(handler);
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({
        port: (server.address() as AddressInfo).port,
        posts,
        frames: () => posts.flatMap((p) => frames(p.body)),
        close: () =>
          new Promise<void>((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      }),
    ),
  );
}

/** A self-signed certificate (default: for localhost and 127.0.0.1), made with openssl as an operator would. */
export function selfSignedCert(names = ["localhost", "IP:127.0.0.1"]): { cert: string; key: string; certFile: string; cleanup(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), "pier-drain-tls-"));
  const certFile = path.join(dir, "receiver.crt");
  const keyFile = path.join(dir, "receiver.key");
  execFileSync(
    "openssl",
    ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2", "-subj", `/CN=${names[0]!}`, "-addext", `subjectAltName=${names.map((n) => (n.startsWith("IP:") ? n : `DNS:${n}`)).join(",")}`, "-keyout", keyFile, "-out", certFile],
    { stdio: "ignore" },
  );
  return { cert: readFileSync(certFile, "utf8"), key: readFileSync(keyFile, "utf8"), certFile, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
