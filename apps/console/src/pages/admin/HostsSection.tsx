import { formatBytes } from "@pier/placement-core";
import type { Host } from "../../api/types.js";
import { Section } from "../../components/Section.js";
import { StatusBadge } from "../../components/StatusBadge.js";
import { Empty, FormError, Loaded } from "../../components/states.js";
import { useAction } from "../../hooks/useAction.js";
import { useResource } from "../../hooks/useResource.js";
import { timeAgo } from "../../lib/format.js";
import { useApi } from "../../session.js";

/** Docker engines the scheduler places on: state, capacity, instances; drain moves instances away. */
export function HostsSection() {
  const api = useApi();
  const hosts = useResource(() => api.listHosts(), [api], { pollMs: 5000 });
  const { run: act, busy, error } = useAction(hosts.reload);
  const drain = (h: Host) =>
    window.confirm(`Drain ${h.name}? Its ${h.instances ?? 0} instances move to other hosts and nothing new is placed on it.`) &&
    act(() => api.hostAction(h.name, "drain"));

  return (
    <Section title="Hosts">
      <Loaded resource={hosts} what="hosts">
        {(list) =>
          list.length === 0 ? (
            <Empty title="No hosts registered.">
              <p>
                Add a Docker engine with <code>pier hosts:add</code>.
              </p>
            </Empty>
          ) : (
            <ul className="list" aria-label="Hosts">
              {list.map((h) => (
                <li key={h.id} className="list-row" data-host={h.name}>
                  <StatusBadge status={h.state} />
                  <strong>{h.name}</strong>
                  <span className="muted">{capacity(h)}</span>
                  <span className="muted">heartbeat {timeAgo(h.last_heartbeat_at)}</span>
                  {h.state === "draining" ? (
                    <button type="button" className="button button-quiet" disabled={busy} onClick={() => act(() => api.hostAction(h.name, "undrain"))}>
                      Undrain <span className="visually-hidden">{h.name}</span>
                    </button>
                  ) : (
                    <button type="button" className="button button-quiet" disabled={busy} onClick={() => drain(h)}>
                      Drain <span className="visually-hidden">{h.name}</span>
                    </button>
                  )}
                  {h.heartbeat_error && <span className="row-error">{h.heartbeat_error}</span>}
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
      <FormError message={error} />
    </Section>
  );
}

function capacity(h: Host): string {
  const parts = [`${h.instances ?? 0} instance${h.instances === 1 ? "" : "s"}`];
  if (h.cpus) parts.push(`${h.cpus} CPUs`);
  if (h.memory_bytes) parts.push(formatBytes(h.memory_bytes));
  return parts.join(" · ");
}
