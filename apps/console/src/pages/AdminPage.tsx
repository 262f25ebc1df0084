import type { Account } from "../api/types.js";
import { HostsSection } from "./admin/HostsSection.js";
import { UsersSection } from "./admin/UsersSection.js";

/** Hosts with capacity and state, and users: for administrators (the API refuses everyone else). */
export function AdminPage({ account }: { account: Account }) {
  if (!account.admin) {
    return (
      <section className="page">
        <h1>Admin</h1>
        <p className="state state-empty">Only administrators can manage hosts and users.</p>
      </section>
    );
  }
  return (
    <section className="page">
      <h1>Admin</h1>
      <div className="stack">
        <HostsSection />
        <UsersSection account={account} />
      </div>
    </section>
  );
}
