import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { addHost, drainHost, getHost, listHosts, removeHost, undrainHost, type Deps } from "@pier/use-cases";
import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { actorOf } from "../../plugins/auth.js";
import { withErrors } from "../../schemas/common.js";
import { presentHost } from "./presenter.js";
import { AddHostBody, HostAction, HostParams, HostSchema } from "./schema.js";

const tags = ["hosts"];

/** Docker engines the scheduler places instances on (admin only). */
export function hostRoutes(app: FastifyInstance, deps: Pick<Deps, "prisma">): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get("/hosts", { schema: { tags, summary: "Hosts: state, heartbeat, capacity, instance count (admin)", response: withErrors({ 200: Type.Array(HostSchema) }, 403) } }, async (req) =>
    (await listHosts(actorOf(req), deps)).map(presentHost),
  );

  r.post("/hosts", { schema: { tags, summary: "Add a Docker engine (admin); it must answer", body: AddHostBody, response: withErrors({ 201: HostSchema }, 403, 409, 422) } }, async (req, reply) => {
    const b = req.body;
    const host = await addHost({ name: b.name, dockerUrl: b.docker_url, address: b.address, tlsCa: b.tls_ca, tlsCert: b.tls_cert, tlsKey: b.tls_key }, actorOf(req), deps);
    return reply.status(201).send(presentHost(host));
  });

  r.get("/hosts/:host", { schema: { tags, summary: "A host (admin)", params: HostParams, response: withErrors({ 200: HostSchema }, 403, 404) } }, async (req) =>
    presentHost(await getHost({ host: req.params.host }, actorOf(req), deps)),
  );

  r.post(
    "/hosts/:host/actions/:action",
    { schema: { tags, summary: "drain (move instances away), undrain, or remove an empty host (admin)", params: HostAction, response: withErrors({ 200: HostSchema, 204: Type.Null() }, 403, 404, 409) } },
    async (req, reply) => {
      const params = { host: req.params.host };
      switch (req.params.action) {
        case "drain":
          return presentHost(await drainHost(params, actorOf(req), deps));
        case "undrain":
          return presentHost(await undrainHost(params, actorOf(req), deps));
        default:
          await removeHost(params, actorOf(req), deps);
          return reply.status(204).send();
      }
    },
  );
}
