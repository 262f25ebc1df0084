import { ConfigError, parseConfig, type PierConfig } from "./parse-config.js";

/** For process entry points: a bad setting ends the process with one line naming it. */
export function loadConfigOrExit(processName: string, env: NodeJS.ProcessEnv = process.env): PierConfig {
  try {
    return parseConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`pier ${processName}: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}
