import { spawn } from "node:child_process";
import { actorForSshKey, findAccessibleApp, pushToken, sshFingerprint, UseCaseError, type Actor, type Deps } from "@pier/use-cases";
import ssh2, { type AuthContext, type ServerChannel } from "ssh2";
import { ensureBareRepo } from "../git/git-service.js";
import { HOOKS_PATH, repoPathFor } from "../git/repo-path.js";
import { parseGitSshCommand } from "./git-command.js";

/** The key type inside an SSH public key blob (a length-prefixed string). */
const blobType = (blob: Buffer) => blob.subarray(4, 4 + blob.readUInt32BE(0)).toString();

type Identity = { known: true; actor: Actor } | { known: false; fingerprint: string };

/** Accepts any key whose owner proves possession; unknown ones get an explanation at exec time. */
async function authenticate(ctx: AuthContext, deps: Pick<Deps, "prisma">): Promise<Identity | undefined> {
  if (ctx.method !== "publickey" || ctx.username !== "git") return undefined;
  const fingerprint = sshFingerprint(ctx.key.data);
  if (!ctx.signature) return { known: false, fingerprint }; // the client only asks whether this key would do
  const key = ssh2.utils.parseKey(`${blobType(ctx.key.data)} ${ctx.key.data.toString("base64")}`);
  if (key instanceof Error || !ctx.blob || key.verify(ctx.blob, ctx.signature, ctx.hashAlgo) !== true) return undefined;
  const actor = await actorForSshKey(fingerprint, deps);
  return actor ? { known: true, actor } : { known: false, fingerprint };
}

function fail(stream: ServerChannel, message: string): void {
  stream.stderr.write(` !     ${message}\n`);
  stream.exit(1);
  stream.end();
}

async function serveGit(stream: ServerChannel, command: string, identity: Identity, deps: Deps): Promise<void> {
  if (!identity.known) {
    return fail(stream, `Pier does not know the SSH key ${identity.fingerprint}: add its .pub file with \`pier keys:add\`, then push again.`);
  }
  const cmd = parseGitSshCommand(command);
  if (!cmd.ok) return fail(stream, cmd.error);
  let app;
  try {
    app = await findAccessibleApp(cmd.app, identity.actor, deps);
  } catch (err) {
    if (err instanceof UseCaseError) return fail(stream, `${err.message} (app "${cmd.app}"; your apps are listed by \`pier apps\`)`);
    throw err;
  }
  const path = repoPathFor(deps.config.dataDir, app.id);
  await ensureBareRepo(path);
  // The pre-receive hook uploads the build through the API: it gets a token for this push only.
  const token = cmd.service === "git-receive-pack" ? await pushToken(identity.actor, deps) : undefined;
  const child = spawn("git", ["-c", `core.hooksPath=${HOOKS_PATH}`, cmd.service.slice("git-".length), path], {
    env: { ...process.env, PIER_HOOK_API_URL: `http://127.0.0.1:${deps.config.apiPort}`, PIER_HOOK_TOKEN: token?.token ?? "", PIER_HOOK_APP: app.name },
    stdio: ["pipe", "pipe", "pipe"],
  });
  stream.pipe(child.stdin);
  child.stdout.pipe(stream, { end: false });
  child.stderr.pipe(stream.stderr, { end: false });
  stream.on("close", () => child.kill());
  child.on("close", (code) => {
    void token?.revoke();
    stream.exit(code ?? 1);
    stream.end();
  });
}

/**
 * git over SSH: `git push ssh://git@HOST:PORT/APP.git main` for users' registered public keys
 * (`pier keys:add`). Only git-receive-pack and git-upload-pack run; no shell, no other command.
 */
export function createSshServer(hostKey: string, deps: Deps, log: (line: string) => void): ssh2.Server {
  return new ssh2.Server({ hostKeys: [hostKey], ident: "Pier" }, (client) => {
    let identity: Identity | undefined;
    client.on("authentication", (ctx) => {
      authenticate(ctx, deps).then(
        (id) => {
          if (!id) return ctx.reject(["publickey"]);
          // Only a signed attempt proves the key; an unsigned one merely asks whether it would do.
          if (ctx.method === "publickey" && ctx.signature) identity = id;
          return ctx.accept();
        },
        (err: Error) => {
          log(`ssh: authentication failed: ${err.message}`);
          ctx.reject(["publickey"]);
        },
      );
    });
    client.on("ready", () => {
      client.on("session", (accept) => {
        const session = accept();
        session.on("exec", (acceptExec, _reject, info) => {
          const stream = acceptExec();
          serveGit(stream, info.command, identity!, deps).catch((err: Error) => {
            log(`ssh: ${info.command}: ${err.message}`);
            fail(stream, `Pier could not serve this push: ${err.message}`);
          });
        });
        session.on("shell", (acceptShell) => fail(acceptShell(), "Pier's SSH endpoint serves git only: push with `git push ssh://git@HOST:PORT/APP.git main`"));
      });
    });
    client.on("error", (err) => log(`ssh: client error: ${err.message}`));
  });
}
