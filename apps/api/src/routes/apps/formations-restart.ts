import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { restartDynos, type Deps } from "@pier/use-cases";
import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { actorOf } from "../../plugins/auth.js";
import { Ref, withErrors } from "../../schemas/common.js";

/** `heroku ps:restart --process-type web` restarts a type through Heroku's plural `formations` path. */
export function formationsRestartRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.delete(
    "/apps/:app/formations/:type",
    {
      schema: {
        tags: ["dynos"],
        summary: "Restart every instance of a process type (Heroku's path; same as DELETE /apps/{app}/dynos/{type})",
        params: Type.Object({ app: Ref("app name or id"), type: Ref("process type") }),
        response: withErrors({ 202: Type.Object({}, { additionalProperties: true }) }, 404),
      },
    },
    async (req, reply) => {
      await restartDynos({ app: req.params.app, target: req.params.type }, actorOf(req), deps);
      return reply.status(202).send({});
    },
  );
}
