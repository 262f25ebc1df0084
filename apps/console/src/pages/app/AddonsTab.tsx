import { useState, type FormEvent } from "react";
import type { App } from "../../api/types.js";
import { Section } from "../../components/Section.js";
import { StatusBadge } from "../../components/StatusBadge.js";
import { Empty, FormError, Loaded } from "../../components/states.js";
import { useAction } from "../../hooks/useAction.js";
import { useResource } from "../../hooks/useResource.js";
import { timeAgo } from "../../lib/format.js";
import { useApi } from "../../session.js";
import { AddonPanel } from "./AddonPanel.js";

const SERVICES = [
  { name: "postgres", label: "PostgreSQL" },
  { name: "redis", label: "Redis" },
  { name: "mysql", label: "MySQL (MariaDB)" },
] as const;

/** The app's databases: created here, attached as a config var (DATABASE_URL, REDIS_URL, …). */
export function AddonsTab({ app }: { app: App }) {
  const api = useApi();
  const addons = useResource(() => api.listAddons(app.name), [api, app.name], { pollMs: 4000, liveOn: ["release"] });
  const [service, setService] = useState<string>("postgres");
  const [open, setOpen] = useState<string | null>(null);
  const { run: act, busy, error } = useAction(addons.reload);
  const create = (e: FormEvent) => {
    e.preventDefault();
    return act(async () => setOpen((await api.createAddon(app.name, service)).name));
  };
  return (
    <Section title="Add-ons">
      <Loaded resource={addons} what="add-ons">
        {(list) =>
          list.length === 0 ? (
            <Empty title="No add-ons.">
              <p>Create a database below: its address reaches the app as a config var, in a new release.</p>
            </Empty>
          ) : (
            <ul className="list" aria-label="Add-ons">
              {list.map((a) => (
                <li key={a.id} className="list-row" data-addon={a.name}>
                  <StatusBadge status={a.pier_state} />
                  <strong>{a.name}</strong>
                  <span className="muted">
                    {a.addon_service.human_name ?? a.kind} · {a.plan.name}
                    {a.config_vars.length > 0 && ` · ${a.config_vars.join(", ")}`} · created {timeAgo(a.created_at)}
                  </span>
                  <button type="button" className="button button-quiet" aria-expanded={open === a.name} onClick={() => setOpen(open === a.name ? null : a.name)}>
                    {open === a.name ? "Hide" : "Manage"} <span className="visually-hidden">{a.name}</span>
                  </button>
                  {a.error && <span className="row-error">{a.error}</span>}
                  {open === a.name && <AddonPanel app={app.name} addon={a} onChanged={addons.reload} />}
                </li>
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
          {busy ? "Creating… (until it accepts connections)" : "Create add-on"}
        </button>
      </form>
      {busy && <progress className="progress" aria-label="Creating the add-on" />}
      <FormError message={error} />
    </Section>
  );
}
