import { useState, type FormEvent } from "react";
import type { ApiToken } from "../api/types.js";
import { Section } from "../components/Section.js";
import { Empty, ErrorState, Loading } from "../components/states.js";
import { useResource } from "../hooks/useResource.js";
import { timeAgo } from "../lib/format.js";
import { useApi } from "../session.js";

/** API tokens: listed by name, created (the token shown once), revoked. */
export function AccountTokens() {
  const api = useApi();
  const tokens = useResource(() => api.listTokens(), [api]);
  const [name, setName] = useState("");
  const [made, setMade] = useState<(ApiToken & { token: string }) | null>(null);
  const [error, setError] = useState<string | null>(null);

  const act = async (work: () => Promise<void>) => {
    setError(null);
    try {
      await work();
      tokens.reload();
    } catch (err) {
      setError((err as Error).message);
    }
  };
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
      {tokens.loading && !tokens.data ? (
        <Loading what="tokens" />
      ) : tokens.error ? (
        <ErrorState error={tokens.error} retry={tokens.reload} what="API tokens" />
      ) : tokens.data!.length === 0 ? (
        <Empty title="No API tokens." />
      ) : (
        <ul className="list" aria-label="API tokens">
          {tokens.data!.map((t) => (
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
      )}
      <form className="inline-form" onSubmit={create}>
        <label htmlFor="token-name">New token name</label>
        <input id="token-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} placeholder="ci" autoComplete="off" />
        <button type="submit" className="button">
          Create token
        </button>
      </form>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </Section>
  );
}
