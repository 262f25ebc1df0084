/** What `pier-data-admin info` prints (key=value lines), as numbers where numbers are meant. */
export interface AddonRuntimeInfo {
  version?: string;
  sizeBytes?: number;
  connections?: number;
}

export function parseAdminInfo(output: string): AddonRuntimeInfo {
  const values = new Map<string, string>();
  for (const line of output.split("\n")) {
    const m = /^([a-z_]+)=(.*)$/.exec(line.trim());
    if (m?.[1] && m[2] !== undefined && m[2] !== "") values.set(m[1], m[2]);
  }
  const num = (key: string) => {
    const n = Number(values.get(key));
    return values.has(key) && Number.isFinite(n) && n >= 0 ? n : undefined;
  };
  const info: AddonRuntimeInfo = {};
  const version = values.get("version");
  if (version) info.version = version;
  const size = num("size_bytes");
  if (size !== undefined) info.sizeBytes = size;
  const connections = num("connections");
  if (connections !== undefined) info.connections = connections;
  return info;
}
