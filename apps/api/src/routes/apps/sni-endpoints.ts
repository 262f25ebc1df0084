import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { getApp, type Deps } from "@pier/use-cases";
import type { FastifyInstance } from "fastify";
import { actorOf } from "../../plugins/auth.js";
import { AppParams, withErrors } from "../../schemas/common.js";

/**
 * Heroku's SNI endpoints are certificates users upload. Pier obtains certificates itself (ACME),
 * so an app has none; `heroku domains:add` lists them before adding a domain, so this answers [].
 */
export function sniEndpointRoutes(app: FastifyInstance, deps: Pick<Deps, "prisma">): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    "/apps/:app/sni-endpoints",
    { schema: { tags: ["domains"], summary: "Uploaded certificates (none: Pier obtains certificates itself)", params: AppParams, response: withErrors({ 200: Type.Array(Type.Object({}, { additionalProperties: true })) }, 404) } },
    async (req) => {
      await getApp({ name: req.params.app }, actorOf(req), deps);
      return [];
    },
  );
}
