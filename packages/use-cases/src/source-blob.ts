import { Readable } from "node:stream";
import { UseCaseError } from "./errors.js";

/**
 * The Builds API's `source_blob.url`: a tarball Pier downloads (http or https only, so a caller
 * cannot make Pier read its own files).
 */
export async function fetchSourceBlob(url: string): Promise<Readable> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UseCaseError("invalid_params", `source_blob.url is not a URL: "${url.slice(0, 200)}"`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new UseCaseError("invalid_params", `source_blob.url must be an http or https URL, got ${parsed.protocol}`);
  }
  let res: Response;
  try {
    res = await fetch(parsed, { redirect: "follow" });
  } catch (err) {
    const cause = (err as Error & { cause?: Error }).cause?.message ?? (err as Error).message;
    throw new UseCaseError("invalid_params", `Could not download source_blob.url (${cause}): check that Pier's hosts can reach it`);
  }
  if (!res.ok || !res.body) throw new UseCaseError("invalid_params", `source_blob.url answered HTTP ${res.status}: check the URL (a signed URL may have expired)`);
  return Readable.fromWeb(res.body as import("node:stream/web").ReadableStream);
}
