export { runBuild, type RunBuildInput, type RunBuildResult } from "./run-build.js";
export { BuildError } from "./build-error.js";
export { pipMounts } from "./pip-mounts.js";
export { readSourceTar, sourceFilesFromTar, normalizeTarPath, MAX_READ_BYTES } from "./read-source.js";
export { summarizeFailure, stepFailureMessage } from "./failure-summary.js";
export { imageConfig, defaultProcess } from "./image-config.js";
export { builderContainerName } from "./builder-name.js";
