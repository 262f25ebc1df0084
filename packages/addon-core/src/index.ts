export { ADDON_KINDS, KINDS, parseKind, type AddonKind, type KindTraits } from "./kinds.js";
export { PLANS, DEFAULT_PLAN, findPlan, type AddonPlan } from "./plans.js";
export {
  generatedAddonName, addonNameProblem, normaliseAttachmentName, configVarName, defaultAttachmentName,
  addonContainerName, addonVolumeName, appNetworkName,
} from "./names.js";
export { connectionUrl, type Credentials } from "./urls.js";
export { addonContainerSpec, DATA_DIR, DATA_USER, type AddonSpecInput, type AddonContainerSpec } from "./container-spec.js";
export { parseAdminInfo, type AddonRuntimeInfo } from "./info.js";
export { planAddonMaintenance, purgeTime, PROVISIONING_TIMEOUT_MS, type AddonRecord, type ObservedAddonContainer, type AddonAction } from "./maintenance.js";
export { herokuAddonState, type HerokuAddonState } from "./heroku-state.js";
export { addonUrlForHost, publishAddress, isLoopback, firstFreePort, ADDON_PORT_BASE, type AddonPlacement } from "./placement.js";
