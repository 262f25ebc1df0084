export { parseConfig, ConfigError, type PierConfig, type PipSettings } from "./parse-config.js";
export { pipSettingsFromPipConfigList } from "./pip-host-config.js";
export { loadConfigOrExit } from "./load-config.js";
export type { RegistrySettings } from "./registry-config.js";
