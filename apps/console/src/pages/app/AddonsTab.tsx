import { useState, type FormEvent } from "react";
import type { Addon, App } from "../../api/types.js";
import { Section } from "../../components/Section.js";
import { StatusBadge } from "../../components/StatusBadge.js";
import { Empty, FormError, Loaded } from "../../components/states.js";
import { useAction } from "../../hooks/useAction.js";
import { useResource } from "../../hooks/useResource.js";
import { timeAgo } from "../../lib/format.js";
import { useApi } from "../../session.js";

const SERVICES = [
  { name: "postgres", label: "PostgreSQL" },
  { name: "redis", label: "Redis" },
  { name: "mysql", label: "MySQL (MariaDB)" },
] as const;

/**
 * The app's databases: created here, attached as a config var (DATABASE_URL, REDIS_URL, …, set
 * in a new release), inspected, and destroyed only after their name is typed.
 */
export function AddonsTab({ app }: { app: App }) {
  const api = useApi();
  const addons = useResource(() => api.listAddons(app.name), [api, app.name], { pollMs: 4000, liveOn: ["release"] });
  const [service, setService] = useState<string>("postgres");
  const { run: act, busy, error } = useAction(addons.reload);
  const create = (e: FormEvent) => {
    e.preventDefault();
    return act(() => api.createAddon(app.name, service));
  };
  return (
    <div className="stack">
      <Section title="Add-ons">
        <Loaded resource={addons} what="add-ons">
          {(list) =>
            list.length === 0 ? (
              <Empty title="No add-ons.">
                <p>Create a database below: its address reaches the app as a config var.</p>
              </Empty>
            ) : (
              <ul className="list" aria-label="Add-ons">
                {list.map((a) => (
                  <AddonRow key={a.id} app={app.name} addon={a} onChanged={addons.reload} />
                ))}
              </ul>
            )
          }
        </Loaded>
        <form className="inline-form" onSubmit={create}>
          <label htmlFor="addon-service">Service</label>
          <select id="addon-service" value={service} onChange={(e) => setService(e.target.value)}>
            {SERVICES.map((s) => (
              <option key={s.name} value={s.name}>
                {s.label}
              </option>
            ))}
          </select>
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? "Creating…" : "Create add-on"}
          </button>
        </form>
        <FormError message={error} />
      </Section>
    </div>
  );
}

function AddonRow({ app, addon, onChanged }: { app: string; addon: Addon; onChanged: () => void }) {
  const api = useApi();
  const [open, setOpen] = useState(false);
  const [confirm, setConfirm] = useState("");
  const info = useResource(() => (open ? api.getAddon(app, addon.name) : Promise.resolve(undefined)), [api, app, addon.name, open]);
  const { run: act, busy, error } = useAction(onChanged);
  const id = `addon-${addon.id}`;
  return (
    <li className="list-row addon" data-addon={addon.name}>
      <StatusBadge status={addon.state} />
      <strong>{addon.name}</strong>
      <span className="muted">
        {addon.addon_service.human_name ?? addon.kind} · {addon.plan.name}
        {addon.config_vars.length > 0 && ` · ${addon.config_vars.join(", ")}`} · created {timeAgo(addon.created_at)}
      </span>
      <button type="button" className="button button-quiet" aria-expanded={open} aria-controls={`${id}-info`} onClick={() => setOpen(!open)}>
        {open ? "Hide" : "Info"} <span className="visually-hidden">{addon.name}</span>
      </button>
      {addon.error && <span className="row-error">{addon.error}</span>}
      {open && (
        <div id={`${id}-info`} className="addon-info">
          <Loaded resource={info} what={`${addon.name}'s details`}>
            {(a) => (
              <dl className="facts">
                {a?.version && (
                  <>
                    <dt>Version</dt>
                    <dd>{a.version}</dd>
                  </>
                )}
                {(a?.attachments ?? []).map((at) => (
                  <Fact key={at.id} name={`Attached to ${at.app.name}`} value={at.config_var} />
                ))}
                {Object.entries(a?.runtime ?? {}).map(([k, v]) => (
                  <Fact key={k} name={k.replace(/_/g, " ")} value={typeof v === "object" ? JSON.stringify(v) : String(v)} />
                ))}
              </dl>
            )}
          </Loaded>
          <p className="hint">Its connection address is the config var above (Settings, revealed on demand).</p>
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              return act(() => api.destroyAddon(app, addon.name));
            }}
          >
            <label htmlFor={`${id}-confirm`}>Type {addon.name} to destroy it</label>
            <input id={`${id}-confirm`} value={confirm} onChange={(e) => setConfirm(e.target.value)} autoComplete="off" />
            <button type="submit" className="button button-danger" disabled={busy || confirm !== addon.name}>
              Destroy {addon.name}
            </button>
          </form>
          <FormError message={error} />
        </div>
      )}
    </li>
  );
}

const Fact = ({ name, value }: { name: string; value: string }) => (
  <>
    <dt>{name}</dt>
    <dd>{value}</dd>
  </>
);
