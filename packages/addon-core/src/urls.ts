import { KINDS, type AddonKind } from "./kinds.js";

export interface Credentials {
  username: string;
  password: string;
  databaseName: string;
}

/** The URL an attached app gets: the add-on's name is its host name on the app's network. */
export function connectionUrl(kind: AddonKind, host: string, c: Credentials): string {
  const port = KINDS[kind].port;
  const user = encodeURIComponent(c.username);
  const pass = encodeURIComponent(c.password);
  const db = encodeURIComponent(c.databaseName);
  switch (kind) {
    case "postgres":
      return `postgres://${user}:${pass}@${host}:${port}/${db}`;
    case "redis":
      // The user "default" (Redis 6+ ACL) rather than Heroku's empty user: redis-cli 7.0 sends
      // AUTH "" <password> for redis://:<password>@ and fails; clients accept both forms.
      return `redis://default:${pass}@${host}:${port}`;
    case "mysql":
      return `mysql://${user}:${pass}@${host}:${port}/${db}`;
  }
}
