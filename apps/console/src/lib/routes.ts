/** The console's pages. All live under /console/ so none can shadow an API path such as /apps. */
export type Route =
  | { page: "sign-in" }
  | { page: "apps" }
  | { page: "new-app" }
  | { page: "account" }
  | { page: "admin" }
  | { page: "app"; app: string; tab: AppTab }
  | { page: "build"; app: string; build: string }
  | { page: "not-found"; path: string };

export const APP_TABS = ["overview", "deploys", "logs", "scaling", "metrics", "addons", "access", "settings"] as const;
export type AppTab = (typeof APP_TABS)[number];

export const PREFIX = "/console";

export function matchRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, "") || "/";
  if (path === "/" || path === PREFIX || path === `${PREFIX}/apps`) return { page: "apps" };
  if (!path.startsWith(`${PREFIX}/`)) return { page: "not-found", path };
  const parts = path.slice(PREFIX.length + 1).split("/").map(safeDecode);
  const [first, app, second, third, ...rest] = parts;
  if (parts.length === 1 && first === "sign-in") return { page: "sign-in" };
  if (parts.length === 1 && first === "new") return { page: "new-app" };
  if (parts.length === 1 && first === "account") return { page: "account" };
  if (parts.length === 1 && first === "admin") return { page: "admin" };
  if (first === "apps" && app && rest.length === 0) {
    if (second === undefined) return { page: "app", app, tab: "overview" };
    if (second === "builds" && third) return { page: "build", app, build: third };
    if (third === undefined && (APP_TABS as readonly string[]).includes(second)) return { page: "app", app, tab: second as AppTab };
  }
  return { page: "not-found", path };
}

/** The path of a page, the inverse of `matchRoute`. */
export function pathOf(route: Exclude<Route, { page: "not-found" }>): string {
  switch (route.page) {
    case "apps":
      return `${PREFIX}/`;
    case "sign-in":
      return `${PREFIX}/sign-in`;
    case "new-app":
      return `${PREFIX}/new`;
    case "account":
      return `${PREFIX}/account`;
    case "admin":
      return `${PREFIX}/admin`;
    case "app":
      return `${PREFIX}/apps/${encodeURIComponent(route.app)}${route.tab === "overview" ? "" : `/${route.tab}`}`;
    case "build":
      return `${PREFIX}/apps/${encodeURIComponent(route.app)}/builds/${encodeURIComponent(route.build)}`;
  }
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
