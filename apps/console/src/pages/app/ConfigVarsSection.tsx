import { useState, type FormEvent } from "react";
import type { App } from "../../api/types.js";
import { TableHead } from "../../components/TableHead.js";
import { Section } from "../../components/Section.js";
import { Empty, FormError, Loaded } from "../../components/states.js";
import { useAction } from "../../hooks/useAction.js";
import { useResource } from "../../hooks/useResource.js";
import { useApi } from "../../session.js";

/** Config vars with values hidden until revealed; each change is a new release. */
export function ConfigVarsSection({ app }: { app: App }) {
  const api = useApi();
  const vars = useResource(() => api.getConfigVars(app.name), [api, app.name], { liveOn: ["release"] });
  const [revealed, setRevealed] = useState<Set<string>>(new Set());
  const [editing, setEditing] = useState<{ key: string; value: string } | null>(null);
  const [draft, setDraft] = useState({ key: "", value: "" });
  const { run, busy, error } = useAction(vars.reload);
  const patch = (changes: Record<string, string | null>) => run(() => api.patchConfigVars(app.name, changes));
  const toggle = (key: string) =>
    setRevealed((r) => {
      const next = new Set(r);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  const add = async (e: FormEvent) => {
    e.preventDefault();
    if (await patch({ [draft.key.trim()]: draft.value })) setDraft({ key: "", value: "" });
  };
  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (editing && (await patch({ [editing.key]: editing.value }))) setEditing(null);
  };

  const keys = vars.data ? Object.keys(vars.data).sort() : [];
  return (
    <Section
      title="Config vars"
      actions={
        keys.length > 0 && (
          <button type="button" className="button button-quiet" onClick={() => setRevealed(revealed.size === keys.length ? new Set() : new Set(keys))}>
            {revealed.size === keys.length ? "Hide all" : "Reveal all"}
          </button>
        )
      }
    >
      <Loaded resource={vars} what="config vars">
        {(values) => (
        <>
          {keys.length === 0 ? (
            <Empty title="No config vars.">
              <p>They reach the app as environment variables; setting one makes a new release.</p>
            </Empty>
          ) : (
            <table className="table config-table">
              <caption className="visually-hidden">Config vars</caption>
              <TableHead columns={["Name", "Value"]} />
              <tbody>
                {keys.map((key) => (
                  <tr key={key} data-var={key}>
                    <th scope="row" data-label="Name">
                      <code>{key}</code>
                    </th>
                    <td data-label="Value">
                      {editing?.key === key ? (
                        <form className="inline-form" onSubmit={save}>
                          <label className="visually-hidden" htmlFor={`edit-${key}`}>
                            New value of {key}
                          </label>
                          <input id={`edit-${key}`} value={editing.value} onChange={(e) => setEditing({ key, value: e.target.value })} autoFocus spellCheck={false} />
                          <button className="button button-primary" type="submit" disabled={busy}>
                            Save
                          </button>
                          <button className="button button-quiet" type="button" onClick={() => setEditing(null)}>
                            Cancel
                          </button>
                        </form>
                      ) : revealed.has(key) ? (
                        <code className="secret">{values[key]}</code>
                      ) : (
                        <span className="masked" aria-label="hidden value">
                          ••••••••
                        </span>
                      )}
                    </td>
                    <td className="row-actions">
                      <button type="button" className="button button-quiet" onClick={() => toggle(key)} aria-pressed={revealed.has(key)}>
                        {revealed.has(key) ? "Hide" : "Reveal"} <span className="visually-hidden">{key}</span>
                      </button>
                      <button type="button" className="button button-quiet" onClick={() => setEditing({ key, value: values[key] ?? "" })}>
                        Edit <span className="visually-hidden">{key}</span>
                      </button>
                      <button type="button" className="button button-quiet danger" disabled={busy} onClick={() => patch({ [key]: null })}>
                        Remove <span className="visually-hidden">{key}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <form className="inline-form" onSubmit={add}>
            <label htmlFor="var-key">Name</label>
            <input id="var-key" value={draft.key} onChange={(e) => setDraft({ ...draft, key: e.target.value })} required pattern="[A-Za-z_][A-Za-z0-9_]*" placeholder="SECRET_KEY" spellCheck={false} autoComplete="off" />
            <label htmlFor="var-value">Value</label>
            <input id="var-value" value={draft.value} onChange={(e) => setDraft({ ...draft, value: e.target.value })} spellCheck={false} autoComplete="off" />
            <button type="submit" className="button" disabled={busy}>
              Set
            </button>
          </form>
          <FormError message={error} />
        </>
        )}
      </Loaded>
    </Section>
  );
}
