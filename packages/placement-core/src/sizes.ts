/** Instance sizes, like Heroku's dyno sizes: enforced as Docker memory, CPU and pids limits. */
export interface InstanceSize {
  name: string;
  memoryBytes: number;
  /** CPU limit in billionths of a CPU (Docker's NanoCpus). */
  nanoCpus: number;
  /** Most processes and threads the instance may have (fork bombs stop there). */
  pids: number;
}

const MB = 1024 * 1024;
const CPU = 1_000_000_000;

export const SIZES: readonly InstanceSize[] = [
  { name: "basic", memoryBytes: 512 * MB, nanoCpus: CPU / 2, pids: 256 },
  { name: "standard", memoryBytes: 1024 * MB, nanoCpus: CPU, pids: 512 },
  { name: "performance-m", memoryBytes: 2560 * MB, nanoCpus: 2 * CPU, pids: 2048 },
  { name: "performance-l", memoryBytes: 14 * 1024 * MB, nanoCpus: 8 * CPU, pids: 8192 },
];

export const DEFAULT_SIZE = "basic";

export function findSize(name: string): InstanceSize | undefined {
  return SIZES.find((s) => s.name === name.toLowerCase());
}

/** "512 MB", "1 GB", "2.5 GB": how people read memory sizes. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * MB) return `${+(bytes / (1024 * MB)).toFixed(1)} GB`;
  return `${Math.floor(bytes / MB)} MB`;
}
