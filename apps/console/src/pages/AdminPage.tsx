import { Section } from "../components/Section.js";
import { StatusBadge } from "../components/StatusBadge.js";
import { Empty, Loaded } from "../components/states.js";
import { useResource } from "../hooks/useResource.js";
import { useApi } from "../session.js";

/** Hosts with capacity and state, and users: for administrators. */
export function AdminPage() {
  const api = useApi();
  const hosts = useResource(() => api.listHosts(), [api], { pollMs: 10_000 });
  const users = useResource(() => api.listUsers(), [api]);
  return (
    <section className="page">
      <h1>Admin</h1>
      <div className="stack">
        <Section title="Hosts">
          <Loaded resource={hosts} what="hosts">
            {(list) =>
              list.length === 0 ? (
            <Empty title="No hosts registered." />
          ) : (
            <ul className="list" aria-label="Hosts">
              {list.map((h) => (
                <li key={h.id} className="list-row">
                  <StatusBadge status={String(h.state ?? h.status ?? "unknown")} />
                  <strong>{h.name}</strong>
                  <span className="muted">{capacityText(h.capacity, h.allocated)}</span>
                </li>
              ))}
            </ul>
          )
            }
          </Loaded>
        </Section>
        <Section title="Users">
          <Loaded resource={users} what="users">
            {(list) => (
            <ul className="list" aria-label="Users">
              {list.map((u) => (
                <li key={u.id} className="list-row">
                  <strong>{u.email}</strong>
                  {u.admin && <span className="badge badge-ok">Admin</span>}
                </li>
              ))}
            </ul>
            )}
          </Loaded>
        </Section>
      </div>
    </section>
  );
}

function capacityText(capacity?: Record<string, number>, allocated?: Record<string, number>): string {
  if (!capacity) return "";
  return Object.entries(capacity)
    .map(([k, v]) => `${k}: ${allocated?.[k] ?? "?"} / ${v}`)
    .join(" · ");
}
