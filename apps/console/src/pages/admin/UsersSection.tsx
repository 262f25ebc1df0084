import { useState, type FormEvent } from "react";
import type { Account, User } from "../../api/types.js";
import { TableHead } from "../../components/TableHead.js";
import { Section } from "../../components/Section.js";
import { FormError, Loaded } from "../../components/states.js";
import { useAction } from "../../hooks/useAction.js";
import { useResource } from "../../hooks/useResource.js";
import { timeAgo } from "../../lib/format.js";
import { useApi } from "../../session.js";

/**
 * Everyone who can sign in: create (with a password, or without one to sign in by token only),
 * change role, disable, delete. The API keeps the last admin and refuses to delete an owner of
 * apps unless someone takes them over; its message says so here.
 */
export function UsersSection({ account }: { account: Account }) {
  const api = useApi();
  const users = useResource(() => api.listUsers(), [api]);
  const { run: act, busy, error } = useAction(users.reload);

  const remove = (u: User) => {
    const transfer = window.prompt(`Delete ${u.email}? Their tokens and keys stop working.\n\nIf they own apps, type the email of the user who takes them over (or leave empty):`, "");
    if (transfer === null) return;
    return act(() => api.deleteUser(u.id, transfer.trim() || undefined));
  };

  return (
    <Section title="Users">
      <Loaded resource={users} what="users">
        {(list) => (
          <table className="table" aria-label="Users">
            <TableHead columns={["Email", "Role", "Since"]} />
            <tbody>
              {list.map((u) => {
                const self = u.id === account.id;
                return (
                  <tr key={u.id} data-user={u.email}>
                    <th scope="row" data-label="Email">
                      {u.email} {self && <span className="badge badge-ok">You</span>} {u.disabled && <span className="badge badge-failed">Disabled</span>}
                    </th>
                    <td data-label="Role">
                      <label className="visually-hidden" htmlFor={`role-${u.id}`}>
                        Role of {u.email}
                      </label>
                      <select
                        id={`role-${u.id}`}
                        value={u.admin ? "admin" : "member"}
                        disabled={busy}
                        onChange={(e) => act(() => api.updateUser(u.id, { role: e.target.value as "admin" | "member" }))}
                      >
                        <option value="member">Developer</option>
                        <option value="admin">Administrator</option>
                      </select>
                    </td>
                    <td data-label="Since">{timeAgo(u.created_at)}</td>
                    <td className="row-actions">
                      {!self && (
                        <>
                          <button type="button" className="button button-quiet" disabled={busy} onClick={() => act(() => api.updateUser(u.id, { disabled: !u.disabled }))}>
                            {u.disabled ? "Enable" : "Disable"} <span className="visually-hidden">{u.email}</span>
                          </button>{" "}
                          <button type="button" className="button button-quiet danger" disabled={busy} onClick={() => remove(u)}>
                            Delete <span className="visually-hidden">{u.email}</span>
                          </button>
                        </>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </Loaded>
      <FormError message={error} />
      <NewUserForm onCreated={users.reload} />
    </Section>
  );
}

function NewUserForm({ onCreated }: { onCreated: () => void }) {
  const api = useApi();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [admin, setAdmin] = useState(false);
  const [made, setMade] = useState<string | null>(null);
  const { run: act, busy, error } = useAction(onCreated);
  const create = (e: FormEvent) => {
    e.preventDefault();
    setMade(null);
    return act(async () => {
      const user = await api.createUser({ email: email.trim(), ...(password ? { password } : {}), admin });
      setMade(user.email);
      setEmail("");
      setPassword("");
      setAdmin(false);
    });
  };
  return (
    <form className="inline-form new-user" onSubmit={create} aria-label="Create a user">
      <label htmlFor="new-user-email">New user's email</label>
      <input id="new-user-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} required autoComplete="off" />
      <label htmlFor="new-user-password">Password (optional)</label>
      <input id="new-user-password" type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" />
      <label className="check">
        <input type="checkbox" checked={admin} onChange={(e) => setAdmin(e.target.checked)} /> Administrator
      </label>
      <button type="submit" className="button button-primary" disabled={busy}>
        Create user
      </button>
      {made && (
        <p className="form-ok" role="status">
          {made} can now sign in{password ? "" : " once given a token"}.
        </p>
      )}
      <FormError message={error} />
    </form>
  );
}
