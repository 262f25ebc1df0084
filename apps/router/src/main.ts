import { loadConfigOrExit } from "@pier/config";
import { createAccessLogShipper } from "./access-log-shipper.js";
import { createLineWriter } from "./line-writer.js";
import { startRouterMetrics } from "./metrics-endpoint.js";
import { startRouter } from "./start-router.js";
import { readSecretKey } from "./tls/open-sealed.js";

const config = loadConfigOrExit("router");
const out = createLineWriter(process.stdout);
const shipper = createAccessLogShipper({ redisUrl: config.redisUrl, warn: out.write });

const router = await startRouter({
  httpPort: config.httpPort,
  httpsPort: config.httpsPort,
  secretKey: () => readSecretKey(config),
  maxBodyBytes: config.routerMaxBodyBytes,
  redisUrl: config.redisUrl,
  dataDir: config.dataDir,
  log: shipper.tee(out.write),
}).catch((err: Error) => {
  out.flush();
  process.stderr.write(`pier router: cannot start on port ${config.httpPort}: ${err.message}\n`);
  process.exit(1);
});
shipper.useLookup(() => router.holder.lookup);
await startRouterMetrics(shipper);

let stopping = false;
function stop(signal: string): void {
  if (stopping) return;
  stopping = true;
  out.write(`at=info source=router msg="stopping" signal=${signal}`);
  // In-flight requests get 10 s to finish; after that the process ends regardless.
  setTimeout(() => {
    out.flush();
    process.exit(0);
  }, 10_000).unref();
  router.close().then(() => shipper.close()).then(
    () => {
      out.flush();
      process.exit(0);
    },
    (err: Error) => {
      out.flush();
      process.stderr.write(`pier router: error while stopping: ${err.message}\n`);
      process.exit(1);
    },
  );
}
process.on("SIGTERM", () => stop("SIGTERM"));
process.on("SIGINT", () => stop("SIGINT"));
