import { useEffect, useRef, useState } from "react";
import type { Api } from "../api/client.js";
import { readLines } from "../api/streams.js";
import type { Build } from "../api/types.js";
import { StatusBadge } from "../components/StatusBadge.js";
import { ErrorState, Loading } from "../components/states.js";
import { useResource } from "../hooks/useResource.js";
import { duration, shortId, timeAgo } from "../lib/format.js";
import { appendBounded } from "../lib/logs.js";
import { pathOf } from "../lib/routes.js";
import { Link } from "../router.js";
import { useApi, useSession } from "../session.js";
import { optional } from "./AppsPage.js";

/** One build: its state, and its output, streamed live while it runs. */
export function BuildPage({ app, build: id }: { app: string; build: string }) {
  const api = useApi();
  const build = useResource(() => findBuild(api, app, id), [api, app, id], { pollMs: 2000, liveOn: ["build"] });
  const b = build.data;
  return (
    <section className="page">
      <p className="crumbs">
        <Link href={pathOf({ page: "apps" })}>Apps</Link> / <Link href={pathOf({ page: "app", app, tab: "deploys" })}>{app}</Link> /
      </p>
      <h1>
        Build {shortId(id)} {b && <StatusBadge status={b.status} />}
      </h1>
      {build.loading && !b ? (
        <Loading what="the build" />
      ) : build.error && !b ? (
        <ErrorState error={build.error} retry={build.reload} what="the build" />
      ) : (
        <>
          <dl className="facts">
            <dt>Started</dt>
            <dd>
              <time dateTime={b!.created_at}>{timeAgo(b!.created_at)}</time>
            </dd>
            <dt>{b!.status === "pending" ? "Running for" : "Took"}</dt>
            <dd>{duration(b!.created_at, b!.status === "pending" ? new Date().toISOString() : b!.updated_at)}</dd>
            <dt>Source</dt>
            <dd>{b!.source_blob.version ?? "upload"}</dd>
            {b!.buildpacks?.[0] && (
              <>
                <dt>Detected</dt>
                <dd>{b!.buildpacks[0].name}</dd>
              </>
            )}
          </dl>
          {b!.status === "pending" && <progress className="progress" aria-label="Build in progress" />}
          {b!.error && (
            <p className="form-error" role="alert">
              {b!.error}
            </p>
          )}
          <BuildOutput build={b!} />
        </>
      )}
    </section>
  );
}

/** GET /apps/:app/builds/:id where the API has it; otherwise the build from the list. */
async function findBuild(api: Api, app: string, id: string): Promise<Build> {
  const one = await optional(api.getBuild(app, id));
  if (one) return one;
  const found = (await api.listBuilds(app)).find((b) => b.id === id);
  if (!found) throw new Error(`${app} has no build ${id}.`);
  return found;
}

function BuildOutput({ build }: { build: Build }) {
  const { token } = useSession();
  const [lines, setLines] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const end = useRef<HTMLDivElement>(null);
  const url = build.output_stream_url;

  useEffect(() => {
    if (!url) return;
    const abort = new AbortController();
    setLines([]);
    setError(null);
    let pending: string[] = [];
    // Batch lines per animation frame: a fast build prints thousands.
    const flush = setInterval(() => {
      if (pending.length === 0) return;
      const more = pending;
      pending = [];
      setLines((l) => appendBounded(l, more, 20_000));
    }, 100);
    const sameOrigin = new URL(url, location.href).origin === location.origin;
    readLines(url, { signal: abort.signal, headers: sameOrigin && token ? { Authorization: `Bearer ${token}` } : {}, onLine: (l) => pending.push(l) })
      .catch((err: Error) => abort.signal.aborted || setError(err.message))
      .finally(() => setTimeout(() => clearInterval(flush), 150));
    return () => {
      abort.abort();
      clearInterval(flush);
    };
  }, [url, token]);

  // Braces matter: scrollIntoView returns a promise in newer browsers, and an effect must not return one.
  useEffect(() => {
    end.current?.scrollIntoView({ block: "nearest" });
  }, [lines.length]);

  if (!url) {
    return (
      <p className="muted">
        This server does not publish build output to the console yet (no <code>output_stream_url</code> on the build); <code>git push</code> shows it.
      </p>
    );
  }
  return (
    <div className="terminal" role="log" aria-label="Build output" aria-live="off" tabIndex={0}>
      {lines.map((l, i) => (
        <div key={i}>{l || "\u00a0"}</div>
      ))}
      {error && <div className="terminal-error">{error}</div>}
      <div ref={end} />
    </div>
  );
}
