import { humanSize } from "@pier/backup-core";
import { useState, type FormEvent } from "react";
import type { Addon } from "../../api/types.js";
import { FormError, Loaded } from "../../components/states.js";
import { useAction } from "../../hooks/useAction.js";
import { useResource } from "../../hooks/useResource.js";
import { useApi } from "../../session.js";
import { AddonBackups } from "./AddonBackups.js";

/** One add-on opened: what its server reports, credentials, backups, and destroying it (name typed). */
export function AddonPanel({ app, addon, onChanged }: { app: string; addon: Addon; onChanged: () => void }) {
  const api = useApi();
  const info = useResource(() => api.getAddon(app, addon.name), [api, app, addon.name, addon.pier_state]);
  const [confirm, setConfirm] = useState("");
  const { run: act, busy, error } = useAction(onChanged);
  const id = `addon-${addon.id}`;
  const destroy = (e: FormEvent) => {
    e.preventDefault();
    return act(() => api.destroyAddon(app, addon.name));
  };

  if (addon.pier_state === "destroyed") {
    return (
      <div className="addon-panel">
        <p>
          Destroyed. Its data is kept{addon.purge_after ? ` until ${addon.purge_after.slice(0, 16).replace("T", " ")} UTC` : " for a while"}: restore it before then.
        </p>
        <button type="button" className="button" disabled={busy} onClick={() => act(() => api.restoreAddon(app, addon.name))}>
          Restore {addon.name}
        </button>
        <FormError message={error} />
      </div>
    );
  }
  return (
    <div className="addon-panel" id={`${id}-panel`}>
      <Loaded resource={info} what={`${addon.name}'s details`}>
        {(a) => (
          <dl className="facts">
            <dt>Version</dt>
            <dd>{a.runtime?.version ?? a.version ?? "–"}</dd>
            {a.runtime?.size_bytes !== undefined && (
              <>
                <dt>{a.kind === "redis" ? "Memory used" : "Data size"}</dt>
                <dd>{humanSize(a.runtime.size_bytes)}</dd>
              </>
            )}
            {a.runtime?.connections !== undefined && (
              <>
                <dt>Connections</dt>
                <dd>{a.runtime.connections}</dd>
              </>
            )}
            {(a.attachments ?? []).map((at) => (
              <div key={at.id} className="contents">
                <dt>Attached to {at.app.name}</dt>
                <dd>
                  <code>{at.config_var}</code>
                </dd>
              </div>
            ))}
            {a.runtime?.error && (
              <>
                <dt>Server</dt>
                <dd className="danger">{a.runtime.error}</dd>
              </>
            )}
          </dl>
        )}
      </Loaded>
      <p className="hint">
        Credentials: the connection address is in the config var above (Settings reveals it).{" "}
        <button type="button" className="button button-quiet" disabled={busy} onClick={() => act(() => api.rotateAddonCredentials(app, addon.name))}>
          Rotate credentials
        </button>
      </p>
      {addon.pier_state === "available" && <AddonBackups app={app} addon={addon.name} />}
      <form className="inline-form" onSubmit={destroy}>
        <label htmlFor={`${id}-confirm`}>Type {addon.name} to destroy it</label>
        <input id={`${id}-confirm`} value={confirm} onChange={(e) => setConfirm(e.target.value)} autoComplete="off" />
        <button type="submit" className="button button-danger" disabled={busy || confirm !== addon.name}>
          Destroy {addon.name}
        </button>
      </form>
      <FormError message={error} />
    </div>
  );
}
