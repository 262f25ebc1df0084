/** What request metrics need from a router access line (see apps/router log-line.ts). */
export interface RequestSample {
  status: number;
  /** connect + service, when the request reached an instance. */
  latencyMs?: number;
}

const STATUS = / status=(\d{3}) /;
const CONNECT = / connect=(\d+)ms/;
const SERVICE = / service=(\d+)ms/;

export function parseRequestLine(line: string): RequestSample | undefined {
  const status = STATUS.exec(line);
  if (!status) return undefined;
  const service = SERVICE.exec(line);
  if (!service) return { status: Number(status[1]) };
  return { status: Number(status[1]), latencyMs: Number(CONNECT.exec(line)?.[1] ?? 0) + Number(service[1]) };
}
