import { useState, type FormEvent } from "react";
import type { App, FormationEntry } from "../../api/types.js";
import { Section } from "../../components/Section.js";
import { Empty, ErrorState, Loading } from "../../components/states.js";
import { useResource } from "../../hooks/useResource.js";
import { useApi } from "../../session.js";

/** Sizes offered when the API does not list its own; the current size is always offered too. */
const DEFAULT_SIZES = ["basic", "standard-1x", "standard-2x", "performance-m", "performance-l"];

export function ScalingTab({ app }: { app: App }) {
  const api = useApi();
  const formation = useResource(() => api.getFormation(app.name), [api, app.name], { pollMs: 5000 });
  if (formation.loading && !formation.data) return <Loading what="the formation" />;
  if (formation.error && !formation.data) return <ErrorState error={formation.error} retry={formation.reload} what="scaling" />;
  if (formation.data!.length === 0) {
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
        {formation.data!.map((f) => (
          <ScaleRow key={f.type} app={app.name} entry={f} onScaled={formation.reload} />
        ))}
      </ul>
    </Section>
  );
}

function ScaleRow({ app, entry, onScaled }: { app: string; entry: FormationEntry; onScaled: () => void }) {
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
      const after = (await api.scale(app, [{ type: entry.type, quantity: Number(quantity), size }])).find((f) => f.type === entry.type);
      setResult({ error: false, text: placementText(after ?? { ...entry, quantity: Number(quantity), size }) });
      onScaled();
    } catch (err) {
      setResult({ error: true, text: (err as Error).message });
    } finally {
      setBusy(false);
    }
  };

  const sizes = DEFAULT_SIZES.includes(entry.size) ? DEFAULT_SIZES : [entry.size, ...DEFAULT_SIZES];
  return (
    <li className="list-row scale-row" data-process={entry.type}>
      <form className="inline-form" onSubmit={submit}>
        <strong className="process-type">{entry.type}</strong>
        {entry.command && <code className="muted command">{entry.command}</code>}
        <label htmlFor={`${id}-quantity`}>Instances</label>
        <input id={`${id}-quantity`} type="number" min={0} max={100} value={quantity} onChange={(e) => setQuantity(e.target.value)} required />
        <label htmlFor={`${id}-size`}>Size</label>
        <select id={`${id}-size`} value={size} onChange={(e) => setSize(e.target.value)}>
          {sizes.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
        <button type="submit" className="button button-primary" disabled={busy || (Number(quantity) === entry.quantity && size === entry.size)}>
          {busy ? "Scaling…" : "Scale"}
        </button>
      </form>
      {entry.placement?.reason && <p className="row-error">Cannot place: {entry.placement.reason}</p>}
      {result && (
        <p className={result.error ? "form-error" : "form-ok"} role={result.error ? "alert" : "status"}>
          {result.text}
        </p>
      )}
    </li>
  );
}

/** What scaling did, in words: where the instances went, or why they could not go anywhere. */
export function placementText(f: FormationEntry): string {
  const what = `${f.type} scaled to ${f.quantity} × ${f.size}`;
  if (f.placement?.reason) return `${what}, but not placed: ${f.placement.reason}`;
  if (f.placement?.hosts?.length) return `${what}, placed on ${f.placement.hosts.join(", ")}.`;
  return `${what}.`;
}
