import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { connect as netConnect, type Socket } from "node:net";
import { connect as tlsConnect, rootCertificates } from "node:tls";
import { logplexBatch, octetFrame, redactDrainUrl, syslogMessage, type DrainTarget } from "@pier/log-core";

/** Sends batches of stored log lines to one drain; a rejected send is retried by the caller. */
export interface DrainTransport {
  send(lines: string[]): Promise<void>;
  close(): void;
}

const CONNECT_TIMEOUT_MS = 10_000;
const POST_TIMEOUT_MS = 30_000;

/**
 * `caPem`: the operator's extra CA certificates (PIER_DRAIN_CA_FILE), trusted for syslog+tls and
 * https drains besides Node's public roots; certificates are always verified against the drain's host.
 */
export function createDrainTransport(target: DrainTarget, token: string, opts: { caPem?: string } = {}): DrainTransport {
  return target.kind === "https" || target.kind === "http" ? httpTransport(target, token, opts) : syslogTransport(target, token, opts);
}

const trusted = (caPem: string | undefined) => (caPem ? { ca: [...rootCertificates, caPem] } : {});

/** One TCP (or TLS) connection, made again after any failure. */
function syslogTransport(target: DrainTarget, token: string, opts: { caPem?: string }): DrainTransport {
  let socket: Socket | undefined;
  const open = () =>
    new Promise<Socket>((resolve, reject) => {
      const s =
        target.kind === "syslog+tls"
          ? tlsConnect({ host: target.host, port: target.port, servername: target.host, ...trusted(opts.caPem) })
          : netConnect({ host: target.host, port: target.port });
      const timer = setTimeout(() => s.destroy(new Error(`no connection to ${redactDrainUrl(target.url)} within ${CONNECT_TIMEOUT_MS / 1000} s`)), CONNECT_TIMEOUT_MS);
      s.once(target.kind === "syslog+tls" ? "secureConnect" : "connect", () => {
        clearTimeout(timer);
        resolve(s);
      });
      s.once("error", (err) => {
        clearTimeout(timer);
        reject(err);
      });
      // Receivers send nothing back; anything they do send is discarded.
      s.resume();
      s.on("close", () => {
        if (socket === s) socket = undefined;
      });
    });
  return {
    async send(lines) {
      socket ??= await open();
      const s = socket;
      let frames = "";
      for (const line of lines) frames += octetFrame(syslogMessage(line, token));
      await new Promise<void>((resolve, reject) => {
        const onError = (err: Error) => reject(err);
        s.once("error", onError);
        s.write(frames, (err) => {
          s.off("error", onError);
          if (err) reject(err);
          else resolve();
        });
      }).catch((err: Error) => {
        s.destroy();
        socket = undefined;
        throw err;
      });
    },
    close() {
      socket?.destroy();
      socket = undefined;
    },
  };
}

function httpTransport(target: DrainTarget, token: string, opts: { caPem?: string }): DrainTransport {
  const url = new URL(target.url);
  // Credentials in the URL go as Basic auth, the way Heroku's drains send them.
  const auth = url.username !== "" ? `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString("base64")}` : undefined;
  url.username = "";
  url.password = "";
  let frame = 0;
  return {
    async send(lines) {
      const batch = logplexBatch(lines, token, `${token}-${Date.now()}-${++frame}`);
      const status = await post(url, { ...batch.headers, ...(auth ? { authorization: auth } : {}) }, batch.body, opts.caPem);
      if (status < 200 || status >= 300) throw new Error(`${redactDrainUrl(target.url)} answered HTTP ${status}`);
    },
    close() {},
  };
}

/** One POST (node:http(s) rather than fetch: https drains trust the operator's CA too); resolves with the status. */
function post(url: URL, headers: Record<string, string>, body: string, caPem: string | undefined): Promise<number> {
  return new Promise((resolve, reject) => {
    const options = { method: "POST", headers: { ...headers, "content-length": String(Buffer.byteLength(body)) }, timeout: POST_TIMEOUT_MS };
    const req = url.protocol === "https:" ? httpsRequest(url, { ...options, ...trusted(caPem) }) : httpRequest(url, options);
    req.on("response", (res) => {
      // The answer's body is not used; read it so the connection is released.
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error(`no answer from ${redactDrainUrl(url.toString())} within ${POST_TIMEOUT_MS / 1000} s`)));
    req.on("error", reject);
    req.end(body);
  });
}
