import Docker from "dockerode";

/** dockerode options from "unix:///var/run/docker.sock", "/var/run/docker.sock", "tcp://h:2375" or "https://h:2376". */
export function dockerConnectionOptions(socketPathOrUrl: string): Docker.DockerOptions {
  if (socketPathOrUrl.startsWith("/")) return { socketPath: socketPathOrUrl };
  let url: URL;
  try {
    url = new URL(socketPathOrUrl);
  } catch {
    throw new Error(`Docker address must be a socket path or a unix://, tcp://, http:// or https:// URL, got "${socketPathOrUrl}"`);
  }
  switch (url.protocol) {
    case "unix:":
      return { socketPath: url.pathname };
    case "tcp:":
    case "http:":
      return { protocol: "http", host: url.hostname, port: Number(url.port || 2375) };
    case "https:":
      return { protocol: "https", host: url.hostname, port: Number(url.port || 2376) };
    default:
      throw new Error(`Docker address must be a socket path or a unix://, tcp://, http:// or https:// URL, got "${socketPathOrUrl}"`);
  }
}

export function connectDocker(socketPathOrUrl: string): Docker {
  return new Docker(dockerConnectionOptions(socketPathOrUrl));
}
