import { useState, type FormEvent } from "react";
import { ApiError, createApi } from "../api/client.js";
import { pathOf } from "../lib/routes.js";
import { navigate } from "../router.js";
import { useSession } from "../session.js";

/** Email + password (exchanged for an API token), or an API token pasted as is. */
export function SignInPage() {
  const { signIn } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const finish = async (token: string, issued = false) => {
    // Check the token before keeping it, so a typo is an error here and not on every page.
    await createApi({ token: () => token }).account();
    signIn(token, issued);
    navigate(pathOf({ page: "apps" }), { replace: true });
  };

  const attempt = (work: () => Promise<void>) => async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (err) {
      setError(messageFor(err as Error));
      setBusy(false);
    }
  };

  const withPassword = attempt(async () => {
    const form = new FormData(document.getElementById("password-form") as HTMLFormElement);
    const { token } = await createApi({ token: () => null }).login(String(form.get("email")), String(form.get("password")));
    await finish(token, true);
  });

  const withToken = attempt(async () => {
    const form = new FormData(document.getElementById("token-form") as HTMLFormElement);
    await finish(String(form.get("token")).trim());
  });

  return (
    <main id="main" className="signin">
      <div className="signin-card">
        <h1>
          <span aria-hidden="true">⚓</span> Sign in to Pier
        </h1>
        {error && (
          <p className="form-error" role="alert" id="signin-error">
            {error}
          </p>
        )}
        <form id="password-form" onSubmit={withPassword} aria-describedby={error ? "signin-error" : undefined}>
          <label htmlFor="email">Email</label>
          <input id="email" name="email" type="email" autoComplete="username" required />
          <label htmlFor="password">Password</label>
          <input id="password" name="password" type="password" autoComplete="current-password" required />
          <button className="button button-primary" type="submit" disabled={busy}>
            Sign in
          </button>
        </form>
        <div className="divider" role="separator">
          or with an API token
        </div>
        <form id="token-form" onSubmit={withToken}>
          <label htmlFor="token">API token</label>
          <input id="token" name="token" type="password" autoComplete="off" spellCheck={false} required aria-describedby="token-hint" />
          <p className="hint" id="token-hint">
            After <code>pier login</code> it is in <code>~/.config/pier/config.json</code>; the first admin's is in{" "}
            <code>$PIER_DATA_DIR/admin-token</code>.
          </p>
          <button className="button" type="submit" disabled={busy}>
            Sign in with token
          </button>
        </form>
      </div>
    </main>
  );
}

function messageFor(err: Error): string {
  if (err instanceof ApiError) {
    if (err.endpointMissing) return "This Pier server does not offer password sign-in yet: sign in with an API token.";
    if (err.status === 401) return "Those credentials were not accepted. Check them and try again.";
  }
  return err.message;
}
