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

/**
 * Heroku's plan names (`heroku addons:create heroku-postgresql:essential-0`), mapped to the
 * nearest Pier plan: the entry tiers to small, production tiers to standard.
 */
export function herokuPlanAlias(name: string): string | undefined {
  if (/^(mini|basic|hobby-dev|hobby-basic|essential-\d+)$/.test(name)) return "small";
  if (/^(standard|premium|private|shield)-\d+$/.test(name)) return "standard";
  return undefined;
}

/** The plan named (or Heroku's name for it), or an error message listing the plans there are. */
export function findPlan(name: string | undefined): AddonPlan | string {
  const wanted = name ?? DEFAULT_PLAN;
  const plan = PLANS[wanted] ?? PLANS[herokuPlanAlias(wanted) ?? ""];
  return plan ?? `There is no add-on plan "${name}": choose ${Object.keys(PLANS).join(" or ")}.`;
}
