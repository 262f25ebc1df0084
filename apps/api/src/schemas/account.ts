import { Type } from "@sinclair/typebox";
import { Nullable, Ref, Timestamp } from "./common.js";

/** Heroku's account shape (what `heroku` reads: email), plus `admin`. */
export const AccountSchema = Type.Object(
  {
    id: Type.String(),
    email: Type.String(),
    name: Nullable(Type.String()),
    admin: Type.Boolean(),
    has_password: Type.Boolean(),
    disabled: Type.Boolean({ description: "a disabled user cannot sign in; their tokens and keys stop working" }),
    created_at: Timestamp,
    updated_at: Timestamp,
    allow_tracking: Type.Boolean(),
    beta: Type.Boolean(),
    verified: Type.Boolean(),
    two_factor_authentication: Type.Boolean(),
    default_organization: Type.Null(),
    default_team: Type.Null(),
  },
  { title: "Account", additionalProperties: true },
);

export const UpdateAccountBody = Type.Object({
  name: Type.Optional(Type.String({ maxLength: 200 })),
  password: Type.Optional(Type.String({ maxLength: 200 })),
  current_password: Type.Optional(Type.String({ maxLength: 200 })),
});

export const CreateUserBody = Type.Object({
  email: Type.String({ minLength: 3, maxLength: 254 }),
  password: Type.Optional(Type.String({ maxLength: 200 })),
  name: Type.Optional(Type.String({ maxLength: 200 })),
  admin: Type.Optional(Type.Boolean()),
});

export const UpdateUserBody = Type.Object({
  role: Type.Optional(Type.Union([Type.Literal("admin"), Type.Literal("member")])),
  disabled: Type.Optional(Type.Boolean()),
});

export const DeleteUserQuery = Type.Object({
  transfer_to: Type.Optional(Ref("user id or email who becomes the owner of the deleted user's apps")),
});

export const LoginBody = Type.Object({
  email: Type.String({ minLength: 1, maxLength: 254 }),
  password: Type.String({ minLength: 1, maxLength: 200 }),
  token_name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  expires_in: Type.Optional(Type.Integer({ minimum: 60, maximum: 315_360_000 })),
});

export const TokenSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    created_at: Timestamp,
    expires_at: Nullable(Timestamp),
    last_used_at: Nullable(Timestamp),
    current: Type.Boolean({ description: "the token this request came with" }),
  },
  { title: "Token" },
);

/** The only answer that carries a token itself: it is shown once. */
export const NewTokenSchema = Type.Composite([TokenSchema, Type.Object({ token: Type.String() })], { title: "NewToken" });

export const LoginResult = Type.Composite([NewTokenSchema, Type.Object({ user: Type.Object({ id: Type.String(), email: Type.String() }) })], {
  title: "LoginResult",
});

export const CreateTokenBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  expires_in: Type.Optional(Type.Integer({ minimum: 60, maximum: 315_360_000, description: "seconds" })),
});
