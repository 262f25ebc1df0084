import { CliError } from "./api-client.js";
import { EXIT } from "./exit-codes.js";

/** Where progress goes: stderr, so stdout stays what scripts parse. */
export interface ProgressStream {
  isTTY?: boolean;
  write(chunk: string): unknown;
}

export interface Spinner {
  /** Replaces the text after the label. */
  update(text: string): void;
  /** Clears the spinner line. */
  stop(): void;
}

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
const NONE: Spinner = { update: () => undefined, stop: () => undefined };

/** A spinner only when a person watches (a TTY, TERM not dumb); elsewhere nothing is printed. */
export function startSpinner(label: string, stream: ProgressStream = process.stderr, env: NodeJS.ProcessEnv = process.env, intervalMs = 100): Spinner {
  if (!stream.isTTY || env.TERM === "dumb") return NONE;
  let frame = 0;
  let text = "";
  const draw = () => stream.write(`\r\u001b[K${FRAMES[frame++ % FRAMES.length]} ${label}${text ? `: ${text}` : ""}`);
  draw();
  const timer = setInterval(draw, intervalMs);
  return {
    update(next) {
      text = next;
      draw();
    },
    stop() {
      clearInterval(timer);
      stream.write("\r\u001b[K");
    },
  };
}

/** Runs `work` under a spinner that is cleared however it ends. */
export async function withSpinner<T>(label: string, work: (spinner: Spinner) => Promise<T>, stream?: ProgressStream): Promise<T> {
  const spinner = startSpinner(label, stream);
  try {
    return await work(spinner);
  } finally {
    spinner.stop();
  }
}

export interface WaitOptions<T> {
  label: string;
  /** One look at the world: done (with its value) or not yet, with what to show meanwhile. */
  poll: () => Promise<{ done: true; value: T } | { done: false; text: string }>;
  /** What the error says when time runs out (the operation goes on; say how to follow it). */
  timeoutMessage: string;
  timeoutMs?: number;
  intervalMs?: number;
  stream?: ProgressStream;
}

/** Polls until done, showing progress on a TTY; a timeout exits with EXIT.unavailable. */
export function waitFor<T>({ label, poll, timeoutMessage, timeoutMs = 300_000, intervalMs = 1000, stream }: WaitOptions<T>): Promise<T> {
  return withSpinner(
    label,
    async (spinner) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const state = await poll();
        if (state.done) return state.value;
        spinner.update(state.text);
        if (Date.now() >= deadline) throw new CliError(timeoutMessage, EXIT.unavailable);
        await new Promise((resolve) => setTimeout(resolve, intervalMs));
      }
    },
    stream,
  );
}
