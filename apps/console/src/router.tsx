import { useEffect, useState, type AnchorHTMLAttributes, type MouseEvent } from "react";
import { matchRoute, type Route } from "./lib/routes.js";

/** History-API routing in a few lines: the console has a dozen pages and needs no router library. */
export function navigate(path: string, opts: { replace?: boolean } = {}): void {
  if (opts.replace) history.replaceState(null, "", path);
  else history.pushState(null, "", path);
  window.dispatchEvent(new PopStateEvent("popstate"));
}

export function useRoute(): Route {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const onPop = () => setPath(location.pathname);
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, []);
  return matchRoute(path);
}

/** An <a> that navigates in place on a plain click and behaves as a link otherwise (new tab, copy). */
export function Link({ href, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const click = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(href);
    window.scrollTo(0, 0);
    // As a page load would: keyboard and screen-reader users continue from the new page's start.
    document.getElementById("main")?.focus({ preventScroll: true });
  };
  return <a href={href} onClick={click} {...rest} />;
}
