import { text } from "node:stream/consumers";
import type { Command } from "../command.js";

/** git's credential-helper protocol: on `get`, answer with the API token as the password. */
export const gitCredential: Command = {
  name: "git:credential",
  usage: "pier git:credential get",
  summary: "(used by git) hand the API token to git",
  async run({ positionals, settings, out }) {
    await text(process.stdin);
    if (positionals[0] !== "get" || !settings.token) return;
    out("username=pier");
    out(`password=${settings.token}`);
  },
};
