import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { resealSecrets, type Deps } from "@pier/use-cases";
import type { FastifyInstance } from "fastify";
import { actorOf } from "../plugins/auth.js";
import { withErrors } from "../schemas/common.js";

const ResealReportSchema = Type.Object(
  {
    key_id: Type.String({ description: "the current key's id: every sealed value now starts with v2:<key_id>:" }),
    config_vars: Type.Integer(),
    releases: Type.Integer(),
    certificates: Type.Integer(),
    addons: Type.Integer(),
  },
  { title: "SecretKeyRotation", description: "How many values were re-sealed (values already under the current key are not counted)." },
);

/** The second step of a secret key rotation (docs/operating.md): re-seal everything under PIER_SECRET_KEY. */
export function secretKeyRoutes(app: FastifyInstance, deps: Pick<Deps, "prisma" | "redis" | "config">): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.post(
    "/admin/secret-key/rotation",
    { schema: { tags: ["admin"], summary: "Re-seal every secret under PIER_SECRET_KEY, reading old values with PIER_SECRET_KEY_PREVIOUS (admin)", response: withErrors({ 200: ResealReportSchema }, 403) } },
    async (req) => {
      const report = await resealSecrets(actorOf(req), deps);
      return { key_id: report.keyId, config_vars: report.configVars, releases: report.releases, certificates: report.certificates, addons: report.addons };
    },
  );
}
