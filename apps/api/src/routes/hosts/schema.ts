import { Type } from "@sinclair/typebox";
import { Nullable, Ref, Timestamp } from "../../schemas/common.js";

/** A Docker engine Pier places instances on (TLS credentials are never shown). */
export const HostSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    docker_url: Type.String(),
    address: Type.String({ description: "where routers reach the host's published ports" }),
    state: Type.Union(["ready", "draining", "down"].map((s) => Type.Literal(s))),
    tls: Type.Boolean({ description: "whether Pier reaches the engine over TLS (checked against tls_ca, with a client certificate when given)" }),
    cpus: Nullable(Type.Integer()),
    memory_bytes: Nullable(Type.Integer()),
    instances: Type.Integer({ description: "instances placed there now" }),
    last_heartbeat_at: Nullable(Timestamp),
    heartbeat_error: Nullable(Type.String()),
    created_at: Timestamp,
  },
  { title: "Host" },
);

const Pem = Type.String({ minLength: 1, maxLength: 20_000 });

export const AddHostBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 63 }),
    docker_url: Type.String({ minLength: 1, maxLength: 500, description: "unix:///var/run/docker.sock, tcp://ADDRESS:2375 or tcp://ADDRESS:2376 (TLS)" }),
    address: Type.Optional(Type.String({ minLength: 1, maxLength: 253 })),
    tls_ca: Type.Optional(Pem),
    tls_cert: Type.Optional(Pem),
    tls_key: Type.Optional(Pem),
  },
  { additionalProperties: false },
);

export const HostParams = Type.Object({ host: Ref("host name or id") });
export const HostAction = Type.Object({ host: Ref("host name or id"), action: Type.Union(["drain", "undrain", "remove"].map((a) => Type.Literal(a))) });
