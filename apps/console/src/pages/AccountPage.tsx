import type { Account } from "../api/types.js";
import { Section } from "../components/Section.js";
import { Empty, ErrorState, Loading } from "../components/states.js";
import { useResource } from "../hooks/useResource.js";
import { timeAgo } from "../lib/format.js";
import { useApi } from "../session.js";

export function AccountPage({ account }: { account: Account }) {
  const api = useApi();
  const tokens = useResource(() => api.listTokens(), [api]);
  return (
    <section className="page">
      <h1>Account</h1>
      <div className="stack">
        <Section title="You">
          <dl className="facts">
            <dt>Email</dt>
            <dd>{account.email}</dd>
            {account.name && (
              <>
                <dt>Name</dt>
                <dd>{account.name}</dd>
              </>
            )}
            <dt>Role</dt>
            <dd>{account.admin ? "Administrator" : "Developer"}</dd>
            <dt>Member since</dt>
            <dd>{timeAgo(account.created_at)}</dd>
          </dl>
        </Section>
        <Section title="API tokens">
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
                  <strong>{t.description ?? t.name ?? t.id.slice(0, 8)}</strong>
                  <span className="muted">
                    created {timeAgo(t.created_at)}
                    {t.expires_at ? ` · expires ${t.expires_at.slice(0, 10)}` : ""}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Section>
      </div>
    </section>
  );
}
