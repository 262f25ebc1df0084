import { useState, type FormEvent } from "react";
import type { Account, App } from "../../api/types.js";
import { Section } from "../../components/Section.js";
import { FormError, Loaded } from "../../components/states.js";
import { useAction } from "../../hooks/useAction.js";
import { useResource } from "../../hooks/useResource.js";
import { timeAgo } from "../../lib/format.js";
import { useApi } from "../../session.js";

/**
 * Who may work on the app. The owner (and admins) add and remove collaborators; collaborators
 * deploy, scale, configure and read, but cannot destroy the app or change who has access.
 */
export function AccessTab({ app, account }: { app: App; account: Account }) {
  const api = useApi();
  const people = useResource(() => api.listCollaborators(app.name), [api, app.name]);
  const [email, setEmail] = useState("");
  const { run: act, busy, error } = useAction(people.reload);
  const canManage = account.admin === true || app.owner?.id === account.id;
  const add = (e: FormEvent) => {
    e.preventDefault();
    return act(async () => {
      await api.addCollaborator(app.name, email.trim());
      setEmail("");
    });
  };

  return (
    <Section title="Collaborators">
      <Loaded resource={people} what="collaborators">
        {(list) => (
          <ul className="list" aria-label="People with access">
            <li className="list-row" data-person={app.owner?.email ?? "owner"}>
              <strong>{app.owner?.email ?? "The owner"}</strong>
              <span className="badge badge-ok">Owner</span>
              <span className="muted">everything, including deleting the app and changing access</span>
            </li>
            {list.map((c) => (
              <li key={c.id} className="list-row" data-person={c.user.email}>
                <strong>{c.user.email}</strong>
                <span className="badge">Collaborator</span>
                <span className="muted">deploy, scale, configure, read logs · added {timeAgo(c.created_at)}</span>
                {canManage && (
                  <button type="button" className="button button-quiet danger" disabled={busy} onClick={() => act(() => api.removeCollaborator(app.name, c.user.email))}>
                    Remove <span className="visually-hidden">{c.user.email}</span>
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </Loaded>
      {canManage ? (
        <form className="inline-form" onSubmit={add}>
          <label htmlFor="collaborator-email">Add collaborator by email</label>
          <input id="collaborator-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} required autoComplete="off" placeholder="dev@example.com" />
          <button type="submit" className="button button-primary" disabled={busy}>
            Add collaborator
          </button>
        </form>
      ) : (
        <p className="hint">Only the owner or an administrator can change who has access.</p>
      )}
      <FormError message={error} />
    </Section>
  );
}
