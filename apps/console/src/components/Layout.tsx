import type { ReactNode } from "react";
import type { Account } from "../api/types.js";
import { pathOf } from "../lib/routes.js";
import { Link, navigate } from "../router.js";
import { useSession } from "../session.js";

/** Page frame: skip link, top bar with the main places, and the page's own content. */
export function Layout({ account, current, children }: { account?: Account; current: string; children: ReactNode }) {
  const { signOut } = useSession();
  const item = (page: "apps" | "account" | "admin", label: string) => (
    <li>
      <Link href={pathOf({ page })} aria-current={current === page ? "page" : undefined}>
        {label}
      </Link>
    </li>
  );
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link href={pathOf({ page: "apps" })} className="brand" aria-label="Pier, all apps">
          <span aria-hidden="true">⚓</span> Pier
        </Link>
        <nav aria-label="Main">
          <ul>
            {item("apps", "Apps")}
            {item("account", "Account")}
            {account?.admin && item("admin", "Admin")}
          </ul>
        </nav>
        <div className="topbar-end">
          {account && <span className="who">{account.email}</span>}
          <button
            type="button"
            className="button button-quiet"
            onClick={() => signOut().then(() => navigate(pathOf({ page: "sign-in" })))}
          >
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
