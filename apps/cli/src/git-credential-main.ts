/**
 * git's credential helper for Pier remotes (see gitCredentialHelper): answers `get` with the
 * CLI's token. A program of its own so that it loads only the settings module, not the CLI.
 */
import { credentialAnswer } from "./credential-answer.js";
import { resolveSettings } from "./settings.js";

const lines = credentialAnswer(process.argv[2], (await resolveSettings()).token);
if (lines.length > 0) process.stdout.write(`${lines.join("\n")}\n`);
