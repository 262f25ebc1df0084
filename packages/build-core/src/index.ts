export type {
  BuildPlan, BuildStep, DetectOptions, DetectResult, Detection, Detector, PipSettings, SourceFiles,
} from "./types.js";
export { detectBuild, detectWith, DETECTORS, NOTHING_DETECTED } from "./detect.js";
export { parseProcfile, type ProcfileResult } from "./procfile.js";
export { pipIndexArgs } from "./pip-args.js";
export { findWsgiEntry, type WsgiEntry } from "./wsgi.js";
export { requirementNames, normalizeProjectName } from "./requirements.js";
export { sourceFilesFromRecord } from "./source-files.js";
