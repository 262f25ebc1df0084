export {
  initialRollout,
  advanceRollout,
  isFinished,
  type RolloutInput,
  type RolloutType,
  type RolloutState,
  type RolloutPhase,
  type RolloutEvent,
  type RolloutCommand,
  type NewInstance,
  type NewInstanceStatus,
  type Step,
} from "./rollout.js";
export { KEPT_RELEASE_IMAGES, keptReleaseImages, rollbackRefusal, type ReleaseImage } from "./rollback-targets.js";
