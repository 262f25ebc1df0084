/** An add-on plan: the container's limits and the server's connection ceiling. */
export interface AddonPlan {
  name: string;
  memoryMb: number;
  nanoCpus: number;
  pids: number;
  maxConnections: number;
}

export const PLANS: Record<string, AddonPlan> = {
  small: { name: "small", memoryMb: 256, nanoCpus: 500_000_000, pids: 256, maxConnections: 20 },
  standard: { name: "standard", memoryMb: 1024, nanoCpus: 1_000_000_000, pids: 512, maxConnections: 100 },
};

export const DEFAULT_PLAN = "small";

/** The plan named, or an error message listing the plans there are. */
export function findPlan(name: string | undefined): AddonPlan | string {
  const plan = PLANS[name ?? DEFAULT_PLAN];
  return plan ?? `There is no add-on plan "${name}": choose ${Object.keys(PLANS).join(" or ")}.`;
}
