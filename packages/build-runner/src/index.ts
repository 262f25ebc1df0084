export { runBuild, pythonVersions, seconds, type RunBuildInput, type RunBuildResult } from "./run-build.js";
export { BuildError } from "./build-error.js";
export { pipMounts } from "./pip-mounts.js";
export { readSourceTar, sourceFilesFromTar, normalizeTarPath, MAX_READ_BYTES, type ReadSource } from "./read-source.js";
export { summarizeFailure, stepFailureMessage } from "./failure-summary.js";
export { imageConfig, defaultProcess } from "./image-config.js";
export { builderContainerName } from "./builder-name.js";
export { PhaseClock, formatPhases, type Phase } from "./phases.js";
// Where builders find the host CA bundle (perform-build mounts it there).
export { BUILDER_CA_BUNDLE } from "@pier/build-core";
export { storeSourceTar } from "./store-source.js";
