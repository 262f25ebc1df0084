export { SIZES, DEFAULT_SIZE, findSize, formatBytes, type InstanceSize } from "./sizes.js";
export { placeInstances, type PlacementHost, type ExistingPlacement, type PlacementRequest, type PlacementResult } from "./place.js";
