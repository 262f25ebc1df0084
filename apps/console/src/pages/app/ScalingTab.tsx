import { formatBytes, SIZES } from "@pier/placement-core";
import { useState, type FormEvent } from "react";
import type { App, Dyno, FormationEntry } from "../../api/types.js";
import { Section } from "../../components/Section.js";
import { StatusBadge } from "../../components/StatusBadge.js";
import { Empty, ErrorState, Loading } from "../../components/states.js";
import { useResource } from "../../hooks/useResource.js";
import { useApi } from "../../session.js";
import { optional } from "../AppsPage.js";

/**
 * Per process type: quantity and size. The API refuses a change that cannot be placed, with the
 * reason; an accepted one shows where its instances went as they start.
 */
export function ScalingTab({ app }: { app: App }) {
  const api = useApi();
  const state = useResource(
    async () => {
      const [formation, dynos] = await Promise.all([api.getFormation(app.name), optional(api.listDynos(app.name))]);
      return { formation, dynos };
    },
    [api, app.name],
    { pollMs: 3000, liveOn: ["formation", "instance"] },
  );
  if (state.loading && !state.data) return <Loading what="the formation" />;
  if (state.error && !state.data) return <ErrorState error={state.error} retry={state.reload} what="scaling" />;
  const { formation, dynos } = state.data!;
  if (formation.length === 0) {
    return (
      <Section title="Process types">
        <Empty title="No process types yet.">
          <p>They come from the app's Procfile (or its detected web process) with its first deploy.</p>
        </Empty>
      </Section>
    );
  }
  return (
    <Section title="Process types">
      <ul className="list" aria-label="Process types">
        {formation.map((f) => (
          <ScaleRow key={f.type} app={app.name} entry={f} dynos={dynos?.filter((d) => d.type === f.type) ?? null} onScaled={state.reload} />
        ))}
      </ul>
    </Section>
  );
}

function ScaleRow({ app, entry, dynos, onScaled }: { app: string; entry: FormationEntry; dynos: Dyno[] | null; onScaled: () => void }) {
  const api = useApi();
  const [quantity, setQuantity] = useState(String(entry.quantity));
  const [size, setSize] = useState(entry.size);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ error: boolean; text: string } | null>(null);
  const id = `scale-${entry.type}`;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setResult(null);
    try {
      const [after] = await api.scale(app, [{ type: entry.type, quantity: Number(quantity), size }]);
      setResult({ error: false, text: `${entry.type} scaled to ${after?.quantity ?? quantity} × ${after?.size ?? size}: instances appear below as they start.` });
      onScaled();
    } catch (err) {
      setResult({ error: true, text: (err as Error).message });
    } finally {
      setBusy(false);
    }
  };

  const unchanged = Number(quantity) === entry.quantity && size === entry.size;
  return (
    <li className="list-row scale-row" data-process={entry.type}>
      <form className="inline-form" onSubmit={submit}>
        <strong className="process-type">{entry.type}</strong>
        {entry.command && <code className="muted command">{entry.command}</code>}
        <label htmlFor={`${id}-quantity`}>Instances</label>
        <input id={`${id}-quantity`} type="number" min={0} max={100} value={quantity} onChange={(e) => setQuantity(e.target.value)} required />
        <label htmlFor={`${id}-size`}>Size</label>
        <select id={`${id}-size`} value={size} onChange={(e) => setSize(e.target.value)}>
          {SIZES.map((s) => (
            <option key={s.name} value={s.name}>
              {s.name} ({formatBytes(s.memoryBytes)}, {s.nanoCpus / 1e9} CPU)
            </option>
          ))}
        </select>
        <button type="submit" className="button button-primary" disabled={busy || unchanged}>
          {busy ? "Scaling…" : "Scale"}
        </button>
      </form>
      {result && (
        <p className={result.error ? "form-error" : "form-ok"} role={result.error ? "alert" : "status"}>
          {result.text}
        </p>
      )}
      {dynos && dynos.length > 0 && (
        <ul className="list placement" aria-label={`${entry.type} instances`}>
          {dynos.map((d) => (
            <li key={d.id ?? d.name} className="list-row" data-dyno={d.name}>
              <StatusBadge status={d.state} />
              <strong>{d.name}</strong>
              <span className="muted">
                {d.size} {d.host && `· on ${d.host}`} {d.restarts ? `· ${d.restarts} restarts` : ""}
              </span>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
