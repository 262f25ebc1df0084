import { useState, type FormEvent } from "react";
import type { App } from "../../api/types.js";
import { Section } from "../../components/Section.js";
import { pathOf } from "../../lib/routes.js";
import { navigate } from "../../router.js";
import { useApi } from "../../session.js";
import { ConfigVarsSection } from "./ConfigVarsSection.js";
import { DomainsSection } from "./DomainsSection.js";

export function SettingsTab({ app }: { app: App }) {
  return (
    <div className="stack">
      <ConfigVarsSection app={app} />
      <DomainsSection app={app} />
      <Section title="Git">
        <p>Deploy by pushing to this remote (your API token is the password):</p>
        <pre className="code">{`git remote add pier ${app.git_url}\ngit push pier main`}</pre>
      </Section>
      <DeleteApp app={app} />
    </div>
  );
}

/** Destroying an app asks for its name, as `pier apps:destroy --confirm` does. */
function DeleteApp({ app }: { app: App }) {
  const api = useApi();
  const [confirm, setConfirm] = useState("");
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await api.deleteApp(app.name);
      navigate(pathOf({ page: "apps" }));
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <Section title="Delete app">
      <form onSubmit={submit} className="form">
        <p>This stops every instance, removes its addresses and deletes its releases. It cannot be undone.</p>
        <label htmlFor="confirm-delete">
          Type <code>{app.name}</code> to confirm
        </label>
        <input id="confirm-delete" value={confirm} onChange={(e) => setConfirm(e.target.value)} autoComplete="off" spellCheck={false} />
        <button type="submit" className="button button-danger" disabled={confirm !== app.name}>
          Delete {app.name}
        </button>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
      </form>
    </Section>
  );
}
