import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { getConfigVars, updateConfigVars, type ReleaseDeps } from "@pier/use-cases";
import type { FastifyInstance } from "fastify";
import { actorOf } from "../../plugins/auth.js";
import { AppParams, withErrors } from "../../schemas/common.js";
import { ConfigVarsPatch, ConfigVarsSchema } from "../../schemas/release.js";

const tags = ["config-vars"];

/** Heroku's config-vars: one object; PATCH sets (string) and unsets (null), then a new release deploys. */
export function configVarRoutes(app: FastifyInstance, deps: ReleaseDeps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get("/apps/:app/config-vars", { schema: { tags, summary: "An app's config vars", params: AppParams, response: withErrors({ 200: ConfigVarsSchema }, 404) } }, async (req) =>
    getConfigVars({ app: req.params.app }, actorOf(req), deps),
  );

  r.patch(
    "/apps/:app/config-vars",
    { schema: { tags, summary: "Set and unset config vars; makes a new release and restarts the app on it", params: AppParams, body: ConfigVarsPatch, response: withErrors({ 200: ConfigVarsSchema }, 404, 422) } },
    async (req) => (await updateConfigVars({ app: req.params.app, changes: req.body }, actorOf(req), deps)).vars,
  );
}
