import type { Account } from "../api/types.js";
import { Section } from "../components/Section.js";
import { timeAgo } from "../lib/format.js";
import { AccountKeys } from "./AccountKeys.js";
import { AccountTokens } from "./AccountTokens.js";

export function AccountPage({ account }: { account: Account }) {
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
        <AccountTokens />
        <AccountKeys />
      </div>
    </section>
  );
}
