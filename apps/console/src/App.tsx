import { useEffect } from "react";
import { Layout } from "./components/Layout.js";
import { ErrorState, Loading } from "./components/states.js";
import { useResource } from "./hooks/useResource.js";
import { pathOf } from "./lib/routes.js";
import { AppEventsProvider } from "./live/AppEvents.js";
import { AccountPage } from "./pages/AccountPage.js";
import { AdminPage } from "./pages/AdminPage.js";
import { AppPage } from "./pages/AppPage.js";
import { AppsPage } from "./pages/AppsPage.js";
import { BuildPage } from "./pages/BuildPage.js";
import { NewAppPage } from "./pages/NewAppPage.js";
import { SignInPage } from "./pages/SignInPage.js";
import { navigate, Link, useRoute } from "./router.js";
import { useSession } from "./session.js";

export function Console() {
  const route = useRoute();
  const { token, api } = useSession();
  const signedIn = Boolean(token);

  useEffect(() => {
    if (!signedIn && route.page !== "sign-in") navigate(pathOf({ page: "sign-in" }), { replace: true });
  }, [signedIn, route.page]);

  const account = useResource(() => (signedIn ? api.account() : Promise.resolve(undefined)), [api, signedIn]);

  useEffect(() => {
    const titles: Record<string, string> = { "sign-in": "Sign in", apps: "Apps", "new-app": "Create app", account: "Account", admin: "Admin" };
    const name = "app" in route ? `${route.app} · ${"tab" in route ? route.tab : "build"}` : titles[route.page] ?? "Not found";
    document.title = `${name} — Pier`;
  }, [route]);

  if (route.page === "sign-in" || !signedIn) return <SignInPage />;
  if (account.loading && !account.data) return <Loading what="your account" />;
  if (account.error) return <ErrorState error={account.error} retry={account.reload} what="your account" />;

  const page = (() => {
    switch (route.page) {
      case "apps":
        return <AppsPage />;
      case "new-app":
        return <NewAppPage />;
      case "account":
        return <AccountPage account={account.data!} />;
      case "admin":
        return <AdminPage account={account.data!} />;
      case "app":
        return <AppPage app={route.app} tab={route.tab} account={account.data!} />;
      case "build":
        return (
          <AppEventsProvider app={route.app}>
            <BuildPage app={route.app} build={route.build} />
          </AppEventsProvider>
        );
      case "not-found":
        return (
          <section className="page">
            <h1>Page not found</h1>
            <p>
              Nothing lives at <code>{route.path}</code>. <Link href={pathOf({ page: "apps" })}>Go to your apps</Link>.
            </p>
          </section>
        );
    }
  })();
  const current = route.page === "app" || route.page === "build" || route.page === "new-app" ? "apps" : route.page;
  return (
    <Layout account={account.data} current={current}>
      {page}
    </Layout>
  );
}
