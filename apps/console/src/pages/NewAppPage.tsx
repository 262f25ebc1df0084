import { useState, type FormEvent } from "react";
import { pathOf } from "../lib/routes.js";
import { Link, navigate } from "../router.js";
import { useApi } from "../session.js";

export function NewAppPage() {
  const api = useApi();
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const app = await api.createApp(name.trim());
      navigate(pathOf({ page: "app", app: app.name, tab: "overview" }));
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  };

  return (
    <section className="page page-narrow">
      <p className="crumbs">
        <Link href={pathOf({ page: "apps" })}>Apps</Link> /
      </p>
      <h1>Create an app</h1>
      <form onSubmit={submit} className="form">
        <label htmlFor="app-name">App name</label>
        <input
          id="app-name"
          name="name"
          value={name}
          onChange={(e) => setName(e.target.value.toLowerCase())}
          required
          maxLength={30}
          pattern="[a-z][a-z0-9-]{1,28}[a-z0-9]"
          autoComplete="off"
          spellCheck={false}
          aria-describedby={`app-name-hint${error ? " app-name-error" : ""}`}
          aria-invalid={error ? true : undefined}
        />
        <p className="hint" id="app-name-hint">
          3 to 30 lower-case letters, digits and dashes, starting with a letter and not ending with a dash. It becomes the app's address.
        </p>
        {error && (
          <p className="form-error" role="alert" id="app-name-error">
            {error}
          </p>
        )}
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? "Creating…" : "Create app"}
        </button>
      </form>
    </section>
  );
}
