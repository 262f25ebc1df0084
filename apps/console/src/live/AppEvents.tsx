import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { ApiError } from "../api/client.js";
import { useApi } from "../session.js";
import { APP_EVENT_KINDS, EventHub, reconnectDelayMs } from "./events.js";

export interface AppEvents {
  /** The stream is open: pages reload on its events instead of polling. */
  live: boolean;
  hub: EventHub;
}

const AppEventsContext = createContext<AppEvents | null>(null);

/** The app's change stream, if the page is inside an app (null elsewhere: pages poll). */
export const useAppEvents = (): AppEvents | null => useContext(AppEventsContext);

/**
 * Keeps one event stream open per app page. The console authenticates with a header, which
 * EventSource cannot send, so it first asks for an event session (authenticated POST) whose URL
 * carries its own secret. EventSource reconnects by itself after a drop; a session that is gone
 * (expired, access withdrawn, API restarted without it) is replaced after a backoff. While the
 * stream is down, `live` is false and pages fall back to polling.
 */
export function AppEventsProvider({ app, children }: { app: string; children: ReactNode }) {
  const api = useApi();
  const hub = useMemo(() => new EventHub(), [app]);
  const [live, setLive] = useState(false);

  useEffect(() => {
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    let stopped = false;
    const retry = () => {
      source?.close();
      source = null;
      if (!stopped) timer = setTimeout(open, reconnectDelayMs(attempt++));
    };
    const open = async () => {
      try {
        const session = await api.openEventSession(app);
        if (stopped) return;
        // Same origin as every other call: the API's own idea of its URL may be an internal one.
        const url = new URL(session.url, location.href);
        source = new EventSource(url.pathname + url.search);
        source.addEventListener("ready", () => {
          attempt = 0;
          setLive(true);
          hub.emit("ready");
        });
        for (const kind of APP_EVENT_KINDS) source.addEventListener(kind, () => hub.emit(kind));
        source.addEventListener("gone", () => {
          setLive(false);
          source?.close();
        });
        source.onerror = () => {
          setLive(false);
          if (source?.readyState === EventSource.CLOSED) retry();
        };
      } catch (err) {
        setLive(false);
        // An API without event streams: polling is all there is.
        if (!(err instanceof ApiError && err.endpointMissing)) retry();
      }
    };
    void open();
    return () => {
      stopped = true;
      clearTimeout(timer);
      source?.close();
      setLive(false);
    };
  }, [api, app, hub]);

  const value = useMemo(() => ({ live, hub }), [live, hub]);
  return <AppEventsContext.Provider value={value}>{children}</AppEventsContext.Provider>;
}

/** "Live" while the stream is open, "Refreshing every few seconds" while the console polls. */
export function LiveIndicator() {
  const events = useAppEvents();
  if (!events) return null;
  return (
    <span className={`live ${events.live ? "live-on" : "live-off"}`} role="status" data-live={events.live}>
      <span className="dot" aria-hidden="true" />
      {events.live ? "Live" : "Polling"}
    </span>
  );
}
