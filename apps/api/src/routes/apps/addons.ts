import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { getApp, type Deps } from "@pier/use-cases";
import type { FastifyInstance } from "fastify";
import { actorOf } from "../../plugins/auth.js";
import { AppParams, withErrors } from "../../schemas/common.js";

/**
 * Add-ons are not provisioned by Pier yet: an app's list is empty. Heroku clients (`apps:info`)
 * read it, so it answers rather than 404s.
 */
export function addonRoutes(app: FastifyInstance, deps: Pick<Deps, "prisma">): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    "/apps/:app/addons",
    { schema: { tags: ["addons"], summary: "An app's add-ons (none yet: Pier does not provision add-ons)", params: AppParams, response: withErrors({ 200: Type.Array(Type.Object({}, { additionalProperties: true })) }, 404) } },
    async (req) => {
      await getApp({ name: req.params.app }, actorOf(req), deps);
      return [];
    },
  );
}
