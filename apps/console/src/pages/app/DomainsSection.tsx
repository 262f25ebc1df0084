import { useState, type FormEvent } from "react";
import type { App, Domain } from "../../api/types.js";
import { Section } from "../../components/Section.js";
import { Empty, FormError, Loaded } from "../../components/states.js";
import { useAction } from "../../hooks/useAction.js";
import { useResource } from "../../hooks/useResource.js";
import { useApi } from "../../session.js";

const CERT_TONE: Record<string, string> = {
  "cert issued": "ok", ok: "ok", issued: "ok", pending: "pending", verified: "pending", "in progress": "pending",
  failing: "failed", failed: "failed",
};

/** A domain's certificate state in words, with the reason when there is one (failing, or none to get). */
export function CertificateStatus({ domain }: { domain: Domain }) {
  const status = domain.acm_status;
  const tone = status ? (CERT_TONE[status] ?? "idle") : "idle";
  return (
    <span className="cert">
      <span className={`badge badge-${tone}`}>
        <span className="dot" aria-hidden="true" />
        {status ? `Certificate: ${status}` : "No certificate"}
      </span>
      {domain.acm_status_reason && <span className={tone === "failed" ? "row-error" : "muted"}>{domain.acm_status_reason}</span>}
    </span>
  );
}

export function DomainsSection({ app }: { app: App }) {
  const api = useApi();
  const domains = useResource(() => api.listDomains(app.name), [api, app.name], { pollMs: 5000, liveOn: ["domain"] });
  const [hostname, setHostname] = useState("");
  const { run: act, busy, error } = useAction(domains.reload);
  const add = async (e: FormEvent) => {
    e.preventDefault();
    if (await act(() => api.addDomain(app.name, hostname.trim()))) setHostname("");
  };

  return (
    <Section title="Domains">
      <Loaded resource={domains} what="domains">
        {(list) => (
        <>
          {list.filter((d) => d.kind !== "default").length === 0 && (
            <Empty title="No custom domains.">
              <p>Add one below, then point its DNS at this Pier (a CNAME to the target shown). A certificate is issued automatically.</p>
            </Empty>
          )}
          {list.length > 0 && (
            <ul className="list" aria-label="Domains">
              {list.map((d) => (
                <li key={d.id ?? d.hostname} className="list-row" data-domain={d.hostname}>
                  <strong>{d.hostname}</strong>
                  {d.cname && <span className="muted">CNAME → {d.cname}</span>}
                  <CertificateStatus domain={d} />
                  {d.kind === "default" ? (
                    <span className="muted">default address</span>
                  ) : (
                    <button type="button" className="button button-quiet" disabled={busy} onClick={() => act(() => api.removeDomain(app.name, d.hostname))}>
                      Remove <span className="visually-hidden">{d.hostname}</span>
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
          <form className="inline-form" onSubmit={add}>
            <label htmlFor="domain-hostname">Domain name</label>
            <input
              id="domain-hostname"
              value={hostname}
              onChange={(e) => setHostname(e.target.value)}
              placeholder="www.example.com"
              required
              spellCheck={false}
              autoComplete="off"
            />
            <button type="submit" className="button" disabled={busy}>
              Add domain
            </button>
          </form>
          <FormError message={error} />
        </>
        )}
      </Loaded>
    </Section>
  );
}
