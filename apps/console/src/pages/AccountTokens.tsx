import { useState, type FormEvent } from "react";
import type { ApiToken } from "../api/types.js";
import { Section } from "../components/Section.js";
import { Empty, FormError, Loaded } from "../components/states.js";
import { useAction } from "../hooks/useAction.js";
import { useResource } from "../hooks/useResource.js";
import { timeAgo } from "../lib/format.js";
import { useApi } from "../session.js";

/** API tokens: listed by name, created (the token shown once), revoked. */
export function AccountTokens() {
  const api = useApi();
  const tokens = useResource(() => api.listTokens(), [api]);
  const [name, setName] = useState("");
  const [made, setMade] = useState<(ApiToken & { token: string }) | null>(null);
  const { run: act, error } = useAction(tokens.reload);
  const create = (e: FormEvent) => {
    e.preventDefault();
    return act(async () => {
      setMade(await api.createToken(name.trim()));
      setName("");
    });
  };

  return (
    <Section title="API tokens">
      {made && (
        <div className="form-ok" role="status">
          <p>
            Token <strong>{made.name}</strong> created. Copy it now: it is not shown again.
          </p>
          <code className="secret">{made.token}</code>
        </div>
      )}
      <Loaded resource={tokens} what="API tokens">
        {(list) =>
          list.length === 0 ? (
        <Empty title="No API tokens." />
      ) : (
        <ul className="list" aria-label="API tokens">
          {list.map((t) => (
            <li key={t.id} className="list-row">
              <strong>{t.name}</strong>
              {t.current && <span className="badge badge-ok">This session</span>}
              <span className="muted">
                created {timeAgo(t.created_at)} · last used {timeAgo(t.last_used_at)}
                {t.expires_at ? ` · expires ${t.expires_at.slice(0, 10)}` : ""}
              </span>
              {!t.current && (
                <button type="button" className="button button-quiet danger" onClick={() => act(() => api.revokeToken(t.id))}>
                  Revoke <span className="visually-hidden">{t.name}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )
        }
      </Loaded>
      <form className="inline-form" onSubmit={create}>
        <label htmlFor="token-name">New token name</label>
        <input id="token-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} placeholder="ci" autoComplete="off" />
        <button type="submit" className="button">
          Create token
        </button>
      </form>
      <FormError message={error} />
    </Section>
  );
}
