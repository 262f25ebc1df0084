import { useState, type FormEvent } from "react";
import { Section } from "../components/Section.js";
import { Empty, FormError, Loaded } from "../components/states.js";
import { useAction } from "../hooks/useAction.js";
import { useResource } from "../hooks/useResource.js";
import { timeAgo } from "../lib/format.js";
import { useApi } from "../session.js";

/** SSH public keys that may `git push` over SSH as you: listed by fingerprint, added, removed. */
export function AccountKeys() {
  const api = useApi();
  const keys = useResource(() => api.listKeys(), [api]);
  const [key, setKey] = useState("");
  const { run: act, busy, error } = useAction(keys.reload);
  const add = (e: FormEvent) => {
    e.preventDefault();
    return act(async () => {
      await api.addKey(key.trim());
      setKey("");
    });
  };

  return (
    <Section title="SSH keys">
      <Loaded resource={keys} what="SSH keys">
        {(list) =>
          list.length === 0 ? (
            <Empty title="No SSH keys.">
              <p>Add one to push with <code>git push</code> over SSH; HTTPS pushes use your API token.</p>
            </Empty>
          ) : (
            <ul className="list" aria-label="SSH keys">
              {list.map((k) => (
                <li key={k.id} className="list-row" data-key={k.fingerprint}>
                  <strong>{k.comment || "(no comment)"}</strong>
                  <code className="fingerprint">{k.fingerprint}</code>
                  <span className="muted">
                    added {timeAgo(k.created_at)}
                    {k.updated_at !== k.created_at && ` · last used ${timeAgo(k.updated_at)}`}
                  </span>
                  <button type="button" className="button button-quiet danger" disabled={busy} onClick={() => act(() => api.removeKey(k.id))}>
                    Remove <span className="visually-hidden">key {k.comment || k.fingerprint}</span>
                  </button>
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
      <form className="form key-form" onSubmit={add}>
        <label htmlFor="ssh-key">Public key</label>
        <textarea
          id="ssh-key"
          value={key}
          onChange={(e) => setKey(e.target.value)}
          required
          rows={3}
          spellCheck={false}
          placeholder="ssh-ed25519 AAAA… you@laptop"
          aria-describedby="ssh-key-hint"
        />
        <p className="hint" id="ssh-key-hint">
          The contents of <code>~/.ssh/id_ed25519.pub</code> (or another <code>.pub</code> file). Never the private key.
        </p>
        <button type="submit" className="button button-primary" disabled={busy}>
          Add key
        </button>
      </form>
      <FormError message={error} />
    </Section>
  );
}
