import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

/** apps/console/dist, from apps/api/{src,dist}/routes/. */
const DEFAULT_DIR = fileURLToPath(new URL("../../../console/dist/", import.meta.url));

const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
  ".json": "application/json",
  ".map": "application/json",
};
const COMPRESSIBLE = new Set([".js", ".css", ".svg", ".json", ".map"]);
/** Vite names assets `<name>-<hash>.<ext>`: nothing else is served from the assets folder. */
const ASSET_NAME = /^[A-Za-z0-9_.-]+\.[a-z0-9]+$/;

const HTML_HEADERS = {
  "content-type": "text/html; charset=utf-8",
  "cache-control": "no-cache",
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
  "content-security-policy": "default-src 'self'; img-src 'self' data:; connect-src *; frame-ancestors 'none'; base-uri 'none'",
};

interface Asset {
  body: Buffer;
  gzip: Buffer | null;
  type: string;
}

/**
 * Serves the built web console: `index.html` at `/` and for every page under `/console/` (the
 * console routes in the browser), hashed files under `/console/assets/` cached for good. Console
 * pages all live under `/console/`, so no API path (`/apps`, `/account`, `/<app>.git`) is
 * shadowed. Files are read on first request, never at start-up.
 */
export function consoleRoutes(app: FastifyInstance, opts: { dir?: string } = {}): void {
  const dir = opts.dir ?? DEFAULT_DIR;
  const assets = new Map<string, Promise<Asset | null>>();

  const sendIndex = async (req: FastifyRequest, reply: FastifyReply) => {
    // Read each time: index.html is small, and a rebuilt console is served without a restart.
    const html = await readFile(join(dir, "index.html")).catch((err: NodeJS.ErrnoException) => {
      if (err.code === "ENOENT") return null;
      throw err;
    });
    if (!html) {
      return reply
        .status(503)
        .type("text/plain; charset=utf-8")
        .header("cache-control", "no-store")
        .send(`The web console is not built (no ${join(dir, "index.html")}). Run \`npm run build\`; the REST API works without it.\n`);
    }
    const etag = `"${createHash("sha1").update(html).digest("base64url")}"`;
    reply.headers({ ...HTML_HEADERS, etag });
    if (req.headers["if-none-match"] === etag) return reply.status(304).send();
    return reply.send(html);
  };

  // Pages, not API: kept out of the OpenAPI document.
  const route = { schema: { hide: true } };
  app.get("/", route, sendIndex);
  app.get("/console", route, sendIndex);
  app.get("/console/*", route, async (req, reply) => {
    const rest = (req.params as { "*": string })["*"];
    if (!rest.startsWith("assets/")) return sendIndex(req, reply);
    const name = rest.slice("assets/".length);
    const asset = ASSET_NAME.test(name) ? await loadAsset(assets, dir, name) : null;
    if (!asset) return reply.status(404).send({ id: "not_found", message: `No console asset ${name}: reload the console.` });
    const gzip = asset.gzip && /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
    reply.headers({
      "content-type": asset.type,
      "cache-control": "public, max-age=31536000, immutable",
      "x-content-type-options": "nosniff",
      vary: "accept-encoding",
      ...(gzip ? { "content-encoding": "gzip" } : {}),
    });
    return reply.send(gzip ? asset.gzip : asset.body);
  });
}

/** Asset files never change under their hashed names: read and compress each once. */
function loadAsset(cache: Map<string, Promise<Asset | null>>, dir: string, name: string): Promise<Asset | null> {
  let entry = cache.get(name);
  if (!entry) {
    const ext = extname(name);
    entry = readFile(join(dir, "assets", name)).then(
      (body) => ({ body, type: TYPES[ext] ?? "application/octet-stream", gzip: COMPRESSIBLE.has(ext) && body.length > 1024 ? gzipSync(body) : null }),
      (err: NodeJS.ErrnoException) => {
        cache.delete(name); // a later build may add it
        if (err.code === "ENOENT") return null;
        throw err;
      },
    );
    cache.set(name, entry);
  }
  return entry;
}
