export { validateAppName, defaultHostname, imageRepository, buildImageTag, instanceContainerName, builderContainerName } from "./names.js";
