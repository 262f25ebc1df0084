import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from "node:dns";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import type { Readable } from "node:stream";
import { checkSourceAddress, checkSourceUrl } from "@pier/build-core";
import { UseCaseError } from "./errors.js";

const MAX_REDIRECTS = 5;
const TIMEOUT_MS = 30_000;

const refuse = (message: string) => new UseCaseError("invalid_params", message);

/**
 * A DNS lookup that refuses non-public addresses, checked where the connection is made, so a
 * name cannot resolve to a public address when checked and a private one when used.
 */
function publicOnlyLookup(host: string): LookupFunction {
  return (hostname, options: LookupOptions, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, "", 0);
      const problem = addresses.map((a) => checkSourceAddress(host, a.address)).find(Boolean);
      if (problem) return callback(Object.assign(new Error(problem), { code: "PIER_REFUSED" }), "", 0);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

function get(url: URL, publicOnly: boolean): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    const req = send(url, { timeout: TIMEOUT_MS, ...(publicOnly ? { lookup: publicOnlyLookup(url.hostname) } : {}) }, resolve);
    req.on("timeout", () => req.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000} s`)));
    req.on("error", reject);
    req.end();
  });
}

/**
 * The Builds API's `source_blob.url`: a tarball Pier downloads, when the operator's
 * PIER_SOURCE_URL_ALLOW lets it (by default: http(s) URLs whose hosts have public addresses
 * only). Redirects are followed and checked the same way.
 */
export async function fetchSourceBlob(url: string, allow: readonly string[] = []): Promise<Readable> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw refuse(`source_blob.url is not a URL: "${url.slice(0, 200)}"`);
  }
  for (let hop = 0; ; hop++) {
    const decision = checkSourceUrl(target, allow);
    if (!decision.ok) throw refuse(decision.error);
    let res: IncomingMessage;
    try {
      res = await get(target, decision.publicOnly);
    } catch (err) {
      if ((err as { code?: string }).code === "PIER_REFUSED") throw refuse((err as Error).message);
      throw refuse(`Could not download source_blob.url (${(err as Error).message}): check that Pier's hosts can reach it`);
    }
    const status = res.statusCode ?? 0;
    if (status >= 300 && status < 400 && res.headers.location) {
      res.resume();
      if (hop >= MAX_REDIRECTS) throw refuse(`source_blob.url redirected more than ${MAX_REDIRECTS} times`);
      target = new URL(res.headers.location, target);
      continue;
    }
    if (status < 200 || status >= 300) {
      res.resume();
      throw refuse(`source_blob.url answered HTTP ${status}: check the URL (a signed URL may have expired)`);
    }
    return res;
  }
}
