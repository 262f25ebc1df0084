import { Readable } from "node:stream";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { attachOneOff, createOneOff, findAccessibleApp, MAX_TERMINAL_CELLS, resizeOneOff, UseCaseError, type Deps, type EngineDeps } from "@pier/use-cases";
import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { actorOf } from "../../plugins/auth.js";
import { presentDyno } from "../../presenters/dyno.js";
import { AppParams, withErrors } from "../../schemas/common.js";
import { DynoParams, DynoSchema } from "../../schemas/dyno.js";
import { attachUrl } from "../../rendezvous/address.js";
import { mintRendezvousSecret } from "../../rendezvous/secrets.js";
import { ATTACH_CONTENT_TYPE, attachFrame } from "./attach-frames.js";
import { terminalFor } from "./terminal.js";

const tags = ["dynos"];
const Arg = Type.String({ maxLength: 10_000 });
const TimeToLive = Type.Integer({ minimum: 1, maximum: 86_400, description: "seconds before the one-off is stopped (default 3600)" });
const Cells = (what: string) => Type.Integer({ minimum: 1, maximum: MAX_TERMINAL_CELLS, description: `the client's terminal ${what}` });
const TerminalSize = Type.Object({ columns: Cells("columns"), lines: Cells("lines") });

const RunBody = Type.Object(
  {
    command: Type.String({ minLength: 1, maxLength: 10_000, description: "split on spaces when argv is absent (no shell: quotes are not interpreted)" }),
    argv: Type.Optional(Type.Array(Arg, { minItems: 1, maxItems: 1000, description: "the command exactly, as pier run sends it" })),
    attach: Type.Optional(Type.Boolean({ description: "true: start when POST .../dynos/run.N/attach connects" })),
    tty: Type.Optional(Type.Boolean({ description: "with attach: the one-off gets a terminal (one output stream; the attach body is keystrokes, raw). Absent: one when env has COLUMNS and LINES (the heroku CLI on a terminal), unless force_no_tty" })),
    force_no_tty: Type.Optional(Type.Boolean({ description: "heroku run --no-tty: pipes, not a terminal" })),
    size: Type.Optional(Type.String({ maxLength: 40 })),
    env: Type.Optional(Type.Record(Type.String({ maxLength: 100 }), Arg)),
    time_to_live: Type.Optional(TimeToLive),
  },
  { additionalProperties: true },
);

type RunDeps = Deps & Partial<Pick<EngineDeps, "docker" | "installationId">>;

function engineDeps(deps: RunDeps): EngineDeps {
  if (!deps.docker || !deps.installationId) throw new UseCaseError("unavailable", "This API process has no Docker engine to run one-offs on; the operator starts it with access to the engine socket.");
  return deps as EngineDeps;
}

/** `pier run`: one-off instances, detached (output in the log stream) or attached over a streamed POST. */
export function runRoutes(app: FastifyInstance, deps: RunDeps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.post("/apps/:app/dynos", { schema: { tags, summary: "Run a one-off instance (pier run)", params: AppParams, body: RunBody, response: withErrors({ 201: DynoSchema }, 404, 409, 422, 503) } }, async (req, reply) => {
    const b = req.body;
    const argv = b.argv ?? b.command.trim().split(/\s+/);
    const terminal = terminalFor(b);
    const actor = actorOf(req);
    const dyno = await createOneOff({ app: req.params.app, argv, attach: b.attach ?? false, tty: terminal.tty, size: b.size, env: b.env, timeToLiveSeconds: b.time_to_live }, actor, engineDeps(deps));
    const target = await findAccessibleApp(req.params.app, actor, deps);
    // Attached: pier run attaches with POST .../attach; the heroku CLI connects to attach_url.
    const session = { app: target.name, dyno: `${dyno.type}.${dyno.number}`, userId: actor.userId, isAdmin: actor.isAdmin, tty: terminal.tty, size: terminal.size };
    const url = b.attach ? attachUrl(deps.config, await mintRendezvousSecret(deps.redis, session)) : null;
    return reply.status(201).send(presentDyno(dyno, target, url));
  });

  r.post(
    "/apps/:app/dynos/:dyno/attach",
    {
      schema: {
        tags,
        summary: `Attach to a one-off made with attach: true: the body is its stdin, the answer (${ATTACH_CONTENT_TYPE}) its output and exit code`,
        params: DynoParams,
        querystring: Type.Object({ time_to_live: Type.Optional(TimeToLive), columns: Type.Optional(Cells("columns")), lines: Type.Optional(Cells("lines")) }),
        response: withErrors({ 200: Type.Unknown() }, 404, 409, 503),
      },
    },
    async (req, reply) => {
      const { columns, lines } = req.query;
      const size = columns !== undefined && lines !== undefined ? { columns, lines } : undefined;
      const stdin = req.body instanceof Readable ? req.body : Readable.from([]);
      const aborted = new AbortController();
      const out = reply.raw;
      let started = false;
      const write = (frame: Buffer) => void (out.writableEnded || out.write(frame));
      out.on("close", () => out.writableFinished || aborted.abort());
      try {
        const outcome = await attachOneOff({ app: req.params.app, dyno: req.params.dyno, timeToLiveSeconds: req.query.time_to_live, size }, actorOf(req), engineDeps(deps), {
          stdin,
          signal: aborted.signal,
          onStart() {
            started = true;
            reply.hijack();
            out.writeHead(200, { "content-type": ATTACH_CONTENT_TYPE, "cache-control": "no-store" });
            out.flushHeaders();
          },
          stdout: (chunk) => write(attachFrame("stdout", chunk)),
          stderr: (chunk) => write(attachFrame("stderr", chunk)),
        });
        if (outcome.timedOut) write(attachFrame("stderr", Buffer.from(`pier: ${req.params.dyno} was stopped at its time limit\n`)));
        write(attachFrame("exit", Buffer.from(String(outcome.exitCode))));
        out.end();
      } catch (err) {
        if (!started) throw err;
        write(attachFrame("stderr", Buffer.from(`pier: ${req.params.dyno} failed: ${(err as Error).message}\n`)));
        write(attachFrame("exit", Buffer.from("1")));
        out.end();
      }
    },
  );

  r.post(
    "/apps/:app/dynos/:dyno/resize",
    {
      schema: {
        tags,
        summary: "Resize the terminal of a running one-off made with tty: true (the client's terminal changed size)",
        params: DynoParams,
        body: TerminalSize,
        response: withErrors({ 204: Type.Null() }, 404, 409, 422),
      },
    },
    async (req, reply) => {
      await resizeOneOff({ app: req.params.app, dyno: req.params.dyno, ...req.body }, actorOf(req), engineDeps(deps));
      return reply.status(204).send();
    },
  );
}
