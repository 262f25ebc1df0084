import { useState } from "react";
import { humanSize } from "@pier/backup-core";
import type { Backup } from "../../api/types.js";
import { StatusBadge } from "../../components/StatusBadge.js";
import { FormError, Loaded } from "../../components/states.js";
import { useAction } from "../../hooks/useAction.js";
import { useResource } from "../../hooks/useResource.js";
import { timeAgo } from "../../lib/format.js";
import { useApi } from "../../session.js";

/** An add-on's backups: capture one now, restore one (after a confirmation: it replaces the data). */
export function AddonBackups({ app, addon }: { app: string; addon: string }) {
  const api = useApi();
  const backups = useResource(() => api.listBackups(app, addon), [api, app, addon], { pollMs: 3000 });
  const { run: act, busy, error } = useAction(backups.reload);
  const [done, setDone] = useState<string | null>(null);
  const restore = (b: Backup) =>
    window.confirm(`Restore ${addon} from ${b.name}? Its current data is replaced.`) &&
    act(async () => setDone((await api.restoreBackup(app, addon, b.id)).message));
  return (
    <div className="addon-backups">
      <h3>Backups</h3>
      <Loaded resource={backups} what="backups">
        {(list) =>
          list.length === 0 ? (
            <p className="muted">No backups yet.</p>
          ) : (
            <ol className="list" aria-label={`Backups of ${addon}`}>
              {list.map((b) => (
                <li key={b.id} className="list-row" data-backup={b.name}>
                  <StatusBadge status={b.state} />
                  <strong>{b.name}</strong>
                  <span className="muted">
                    {b.trigger ?? ""} · {timeAgo(b.created_at)}
                    {b.size_bytes !== null && ` · ${humanSize(b.size_bytes)}`}
                  </span>
                  {b.state === "succeeded" && (
                    <button type="button" className="button button-quiet" disabled={busy} onClick={() => restore(b)}>
                      Restore <span className="visually-hidden">{b.name}</span>
                    </button>
                  )}
                  {b.error && <span className="row-error">{b.error}</span>}
                </li>
              ))}
            </ol>
          )
        }
      </Loaded>
      <button type="button" className="button" disabled={busy} onClick={() => act(() => api.captureBackup(app, addon))}>
        Capture a backup
      </button>
      {done && (
        <p className="form-ok" role="status">
          {done}
        </p>
      )}
      <FormError message={error} />
    </div>
  );
}
