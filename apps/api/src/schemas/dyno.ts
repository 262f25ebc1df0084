import { Type } from "@sinclair/typebox";
import { Nullable, Timestamp } from "./common.js";

/** Heroku Platform API v3 dyno, plus where it runs and how often it restarted. */
export const DynoSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String({ description: "web.1" }),
    type: Type.String(),
    state: Type.Union(["crashed", "down", "idle", "starting", "up"].map((s) => Type.Literal(s))),
    command: Type.String(),
    size: Type.String(),
    attach_url: Type.Union([Type.String(), Type.Null()], { description: "an attached one-off (attach: true), in the answer that made it: where the heroku CLI connects (rendezvous://host:port/secret, single use)" }),
    created_at: Timestamp,
    updated_at: Timestamp,
    started_at: Nullable(Timestamp),
    release: Type.Object({ id: Type.String(), version: Type.Integer() }),
    app: Type.Object({ id: Type.String(), name: Type.String() }),
    host: Type.String({ description: "the host the instance runs on" }),
    restarts: Type.Integer(),
    exit_code: Nullable(Type.Integer()),
  },
  { title: "Dyno", additionalProperties: true },
);

export const DynoParams = Type.Object({ app: Type.String({ minLength: 1, maxLength: 200 }), dyno: Type.String({ minLength: 1, maxLength: 60 }) });
