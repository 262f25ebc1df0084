export type {
  AppKind, BuildPlan, BuildStep, DetectOptions, DetectResult, Detection, Detector, PipSettings, SourceFiles,
} from "./types.js";
export { detectBuild, detectWith, DETECTORS, NOTHING_DETECTED } from "./detect.js";
export { parseProcfile, type ProcfileResult } from "./procfile.js";
export { procfileProcesses, PROCFILE_SHELL } from "./procfile-processes.js";
export { pipIndexArgs } from "./pip-args.js";
export { findWsgiEntry, type WsgiEntry } from "./wsgi.js";
export { requirementNames, normalizeProjectName } from "./requirements.js";
export { sourceFilesFromRecord } from "./source-files.js";
export { dependencyLayerKey, type LayerKeyInput } from "./layer-key.js";
export { PIER_PYTHON_PATH } from "./python/detector.js";
export { BUILDER_CA_BUNDLE } from "./node/detector.js";
export { planArtifactRetention, type BuiltImage, type CacheVolume, type RetentionInput, type RetentionPlan } from "./artifact-retention.js";
export { checkSourceUrl, checkSourceAddress, classifyAddress, DEFAULT_SOURCE_URL_ALLOW, type AddressKind, type UrlDecision } from "./source-url-policy.js";
