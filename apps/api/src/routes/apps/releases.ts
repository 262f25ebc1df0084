import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { getApp, getRelease, listReleases, rollback, type ReleaseDeps } from "@pier/use-cases";
import type { FastifyInstance } from "fastify";
import { sendList } from "../../pagination/send-list.js";
import { actorOf } from "../../plugins/auth.js";
import { presentRelease } from "../../presenters/release.js";
import { AppParams, RangeHeaders, Ref, withErrors } from "../../schemas/common.js";
import { ReleaseSchema, RollbackBody } from "../../schemas/release.js";

const tags = ["releases"];

/** Releases (Heroku `Range: version ..; max=15, order=desc`) and rollback by `POST {release}`. */
export function releaseRoutes(app: FastifyInstance, deps: ReleaseDeps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    "/apps/:app/releases",
    { schema: { tags, summary: "An app's releases", params: AppParams, headers: RangeHeaders, response: withErrors({ 200: Type.Array(ReleaseSchema), 206: Type.Array(ReleaseSchema) }, 404) } },
    async (req, reply) => {
      const actor = actorOf(req);
      const target = await getApp({ name: req.params.app }, actor, deps);
      const { releases, currentId, keptImages } = await listReleases({ app: target.id }, actor, deps);
      return sendList(req, reply, releases, { fields: { version: (x) => x.version, id: (x) => x.id, created_at: (x) => x.createdAt.toISOString() } }, (x) => presentRelease(x, target, currentId, keptImages));
    },
  );

  r.get(
    "/apps/:app/releases/:release",
    { schema: { tags, summary: "One release, by id or version", params: Type.Object({ app: AppParams.properties.app, release: Ref("release id, version or vN") }), response: withErrors({ 200: ReleaseSchema }, 404) } },
    async (req) => {
      const actor = actorOf(req);
      const target = await getApp({ name: req.params.app }, actor, deps);
      const { release, current, keptImages } = await getRelease({ app: target.id, release: req.params.release }, actor, deps);
      return presentRelease(release, target, current ? release.id : undefined, keptImages);
    },
  );

  r.post(
    "/apps/:app/releases",
    { schema: { tags, summary: "Roll back: a new release with an earlier release's image and config", params: AppParams, body: RollbackBody, response: withErrors({ 201: ReleaseSchema }, 404, 422) } },
    async (req, reply) => {
      const actor = actorOf(req);
      const target = await getApp({ name: req.params.app }, actor, deps);
      const made = await rollback({ app: target.id, release: req.body.release }, actor, deps);
      const { release, keptImages } = await getRelease({ app: target.id, release: made.id }, actor, deps);
      return reply.status(201).send(presentRelease(release, target, undefined, keptImages));
    },
  );
}
