import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { findAccessibleApp, listDynos, restartDynos, type Deps } from "@pier/use-cases";
import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { actorOf } from "../../plugins/auth.js";
import { presentDyno } from "../../presenters/dyno.js";
import { AppParams, withErrors } from "../../schemas/common.js";
import { DynoParams, DynoSchema } from "../../schemas/dyno.js";

const tags = ["dynos"];
const Accepted = Type.Object({}, { additionalProperties: true });

/** Heroku's dynos: the app's running instances; DELETE restarts them (replacement first, then stop). */
export function dynoRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get("/apps/:app/dynos", { schema: { tags, summary: "An app's instances (state, host, release, restarts)", params: AppParams, response: withErrors({ 200: Type.Array(DynoSchema) }, 404) } }, async (req) => {
    const target = await findAccessibleApp(req.params.app, actorOf(req), deps);
    return (await listDynos({ app: target.id }, actorOf(req), deps)).map((d) => presentDyno(d, target));
  });

  r.delete("/apps/:app/dynos", { schema: { tags, summary: "Restart every instance", params: AppParams, response: withErrors({ 202: Accepted }, 404) } }, async (req, reply) => {
    await restartDynos({ app: req.params.app }, actorOf(req), deps);
    return reply.status(202).send({});
  });

  r.delete(
    "/apps/:app/dynos/:dyno",
    { schema: { tags, summary: "Restart one instance (web.1) or a process type (web)", params: DynoParams, response: withErrors({ 202: Accepted }, 404) } },
    async (req, reply) => {
      await restartDynos({ app: req.params.app, target: req.params.dyno }, actorOf(req), deps);
      return reply.status(202).send({});
    },
  );
}
