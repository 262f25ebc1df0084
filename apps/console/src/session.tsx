import { createContext, useContext, useMemo, useState, type ReactNode } from "react";
import { createApi, type Api } from "./api/client.js";

const KEY = "pier.token";

export interface Session {
  api: Api;
  token: string | null;
  signIn: (token: string) => void;
  signOut: () => void;
}

const SessionContext = createContext<Session | null>(null);

/** The API token lives in localStorage, like the CLI's in ~/.config/pier; 401 signs the person out. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [token, setToken] = useState<string | null>(() => localStorage.getItem(KEY));
  const session = useMemo<Session>(() => {
    const signOut = () => {
      localStorage.removeItem(KEY);
      setToken(null);
    };
    return {
      token,
      api: createApi({ token: () => localStorage.getItem(KEY), onUnauthorized: signOut }),
      signIn: (t) => {
        localStorage.setItem(KEY, t);
        setToken(t);
      },
      signOut,
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
