import { text } from "node:stream/consumers";
import type { Command } from "../command.js";
import { credentialAnswer } from "../credential-answer.js";

/**
 * git's credential-helper protocol through the whole CLI: what repos configured by older Pier
 * versions run (new ones run git-credential-main.js, see git-credentials.ts).
 */
export const gitCredential: Command = {
  name: "git:credential",
  usage: "pier git:credential get",
  summary: "(used by git) hand the API token to git",
  async run({ positionals, settings, out }) {
    await text(process.stdin);
    credentialAnswer(positionals[0], settings.token).forEach((l) => out(l));
  },
};
