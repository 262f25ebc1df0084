import { createContext, useContext, useMemo, useState, type ReactNode } from "react";
import { createApi, type Api } from "./api/client.js";

const KEY = "pier.token";
/** Set when the console obtained the token by password: signing out revokes it then. */
const ISSUED = "pier.token.issued";

export interface Session {
  api: Api;
  token: string | null;
  signIn: (token: string, issued: boolean) => void;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

/** The API token lives in localStorage, like the CLI's in ~/.config/pier; 401 signs the person out. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [token, setToken] = useState<string | null>(() => localStorage.getItem(KEY));
  const session = useMemo<Session>(() => {
    const forget = () => {
      localStorage.removeItem(KEY);
      localStorage.removeItem(ISSUED);
      setToken(null);
    };
    const api = createApi({ token: () => localStorage.getItem(KEY), onUnauthorized: forget });
    return {
      token,
      api,
      signIn: (t, issued) => {
        localStorage.setItem(KEY, t);
        if (issued) localStorage.setItem(ISSUED, "1");
        setToken(t);
      },
      // A pasted token may be the one the CLI uses too: only a token the console made is revoked.
      signOut: async () => {
        // Revoking is a courtesy: signing out forgets the token here even if Pier cannot be reached.
        if (localStorage.getItem(ISSUED)) await api.logout().catch((err: Error) => console.warn(`Token not revoked: ${err.message}`));
        forget();
      },
    };
  }, [token]);
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error("useSession outside SessionProvider");
  return s;
}

export const useApi = (): Api => useSession().api;
