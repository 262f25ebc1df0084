import { fileURLToPath } from "node:url";
import { createGunzip } from "node:zlib";
import { join } from "node:path";
import { Readable } from "node:stream";
import { findAccessibleApp, type Deps } from "@pier/use-cases";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { ensureBareRepo, isGitService, pktLine, spawnGitService, type GitService } from "../../git/git-service.js";
import { requireActor, tokenFrom } from "../../plugins/auth.js";

/** git-hooks/ at the package root: its pre-receive builds the pushed commit while the client waits. */
const HOOKS_PATH = fileURLToPath(new URL("../../../git-hooks", import.meta.url));

/**
 * git's smart HTTP protocol at /<app>.git: `git push` (receive-pack) and `git clone` (upload-pack).
 * Credentials: any user name, an API token as the password.
 */
export function gitRoutes(app: FastifyInstance, deps: Deps): void {
  const repoPathFor = (appId: string) => join(deps.config.dataDir, "repos", `${appId}.git`);

  async function openRepo(req: FastifyRequest, reply: FastifyReply) {
    const actor = requireActor(req, reply);
    if (!actor) return undefined;
    const { repo } = req.params as { repo: string };
    if (!repo.endsWith(".git")) {
      reply.status(404).send({ id: "not_found", message: "Git repositories are at /<app>.git" });
      return undefined;
    }
    const target = await findAccessibleApp(repo.slice(0, -4), actor, deps);
    const path = repoPathFor(target.id);
    await ensureBareRepo(path);
    return { app: target, path };
  }

  app.get("/:repo/info/refs", async (req, reply) => {
    const service = (req.query as { service?: string }).service;
    if (!isGitService(service)) {
      return reply.status(403).send({ id: "forbidden", message: "Only git's smart HTTP protocol is served (git 1.6.6 or newer)." });
    }
    const repo = await openRepo(req, reply);
    if (!repo) return reply;
    const child = spawnGitService(service, repo.path, { advertiseRefs: true });
    child.stdin!.end();
    reply.raw.writeHead(200, {
      "Content-Type": `application/x-${service}-advertisement`,
      "Cache-Control": "no-cache",
    });
    reply.raw.write(`${pktLine(`# service=${service}\n`)}0000`);
    child.stdout!.pipe(reply.raw);
    return reply.hijack();
  });

  for (const service of ["git-receive-pack", "git-upload-pack"] as GitService[]) {
    app.post(`/:repo/${service}`, async (req, reply) => {
      const repo = await openRepo(req, reply);
      if (!repo) return reply;
      if (!(req.body instanceof Readable)) {
        return reply.status(415).send({ id: "unsupported_media_type", message: `Send git's own request body (application/x-${service}-request).` });
      }
      const child = spawnGitService(service, repo.path, {
        hooksPath: HOOKS_PATH,
        env: {
          PIER_HOOK_API_URL: `http://127.0.0.1:${deps.config.apiPort}`,
          PIER_HOOK_TOKEN: tokenFrom(req.headers.authorization) ?? "",
          PIER_HOOK_APP: repo.app.name,
        },
      });
      let body = req.body as Readable;
      if (req.headers["content-encoding"] === "gzip") body = body.pipe(createGunzip());
      body.on("error", () => child.kill());
      body.pipe(child.stdin!);
      let stderr = "";
      child.stderr!.on("data", (d) => (stderr += d));
      child.on("close", (code) => {
        if (code !== 0) req.log.warn({ code, stderr: stderr.slice(-2000) }, `${service} exited with an error`);
      });
      reply.raw.writeHead(200, { "Content-Type": `application/x-${service}-result`, "Cache-Control": "no-cache" });
      child.stdout!.pipe(reply.raw);
      return reply.hijack();
    });
  }
}
