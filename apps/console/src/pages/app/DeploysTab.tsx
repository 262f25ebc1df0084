import { useState } from "react";
import type { App, Release } from "../../api/types.js";
import { BuildList } from "../../components/BuildList.js";
import { Section } from "../../components/Section.js";
import { StatusBadge } from "../../components/StatusBadge.js";
import { Empty, ErrorState, Loading } from "../../components/states.js";
import { useResource } from "../../hooks/useResource.js";
import { timeAgo } from "../../lib/format.js";
import { useApi } from "../../session.js";

export function DeploysTab({ app }: { app: App }) {
  const api = useApi();
  const builds = useResource(() => api.listBuilds(app.name), [api, app.name], { pollMs: 3000, liveOn: ["build"] });
  return (
    <div className="stack">
      <Section title="Builds">
        {builds.loading && !builds.data ? (
          <Loading what="builds" />
        ) : builds.error && !builds.data ? (
          <ErrorState error={builds.error} retry={builds.reload} what="builds" />
        ) : builds.data!.length === 0 ? (
          <Empty title="No builds yet.">
            <p>
              Push with git (<code>git push pier main</code>) and the build appears here as it runs.
            </p>
          </Empty>
        ) : (
          <BuildList app={app.name} builds={builds.data!} />
        )}
      </Section>
      <ReleasesSection app={app} />
    </div>
  );
}

function ReleasesSection({ app }: { app: App }) {
  const api = useApi();
  const releases = useResource(() => api.listReleases(app.name, 25), [api, app.name], { pollMs: 5000, liveOn: ["release"] });
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);

  const rollback = async (r: Release) => {
    if (!window.confirm(`Roll back ${app.name} to v${r.version}? A new release is made with v${r.version}'s image and config.`)) return;
    setBusy(r.id);
    setMessage(null);
    try {
      const made = await api.rollback(app.name, r.id);
      setMessage({ error: false, text: `Rolled back to v${r.version}: now v${made.version}.` });
      releases.reload();
    } catch (err) {
      setMessage({ error: true, text: (err as Error).message });
    } finally {
      setBusy(null);
    }
  };

  return (
    <Section title="Releases">
      {message && (
        <p className={message.error ? "form-error" : "form-ok"} role={message.error ? "alert" : "status"}>
          {message.text}
        </p>
      )}
      {releases.loading && !releases.data ? (
        <Loading what="releases" />
      ) : releases.error && !releases.data ? (
        <ErrorState error={releases.error} retry={releases.reload} what="releases" />
      ) : releases.data!.length === 0 ? (
        <Empty title="No releases yet." />
      ) : (
        <ol className="list" aria-label="Releases">
          {releases.data!.map((r) => (
            <li key={r.id} className="list-row" data-release={r.version}>
              <strong>v{r.version}</strong>
              <StatusBadge status={r.status} />
              {r.current && <span className="badge badge-ok">Current</span>}
              <span>{r.description}</span>
              <span className="muted">
                {r.user?.email} <time dateTime={r.created_at}>{timeAgo(r.created_at)}</time>
              </span>
              {!r.current && r.eligible_for_rollback !== false && r.status === "succeeded" && (
                <button type="button" className="button button-quiet" disabled={busy !== null} onClick={() => rollback(r)}>
                  Roll back to v{r.version}
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}
