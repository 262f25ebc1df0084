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
