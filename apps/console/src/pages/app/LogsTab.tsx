import { useEffect, useMemo, useRef, useState } from "react";
import { ApiError } from "../../api/client.js";
import { readLines } from "../../api/streams.js";
import type { App } from "../../api/types.js";
import { Section } from "../../components/Section.js";
import { Unavailable } from "../../components/states.js";
import { appendBounded, matchesFilter, parseLogLine, type LogFilter, type LogLine } from "../../lib/logs.js";
import { useApi } from "../../session.js";

const MAX_LINES = 5000;
type Phase = "connecting" | "live" | "ended" | "unavailable" | "error";

/** Live tail of the app's log stream (a log session), with filters, pause/resume and download. */
export function LogsTab({ app }: { app: App }) {
  const api = useApi();
  const [lines, setLines] = useState<LogLine[]>([]);
  const [phase, setPhase] = useState<Phase>("connecting");
  const [error, setError] = useState("");
  const [paused, setPaused] = useState(false);
  const [held, setHeld] = useState(0);
  const [filter, setFilter] = useState<LogFilter>({ process: "", source: "", text: "" });
  const [attempt, setAttempt] = useState(0);
  const pausedRef = useRef(false);
  const buffer = useRef<LogLine[]>([]);
  const end = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const abort = new AbortController();
    setPhase("connecting");
    // Lines arrive faster than React should render: flush the buffer ten times a second.
    const timer = setInterval(() => {
      if (pausedRef.current) return setHeld(buffer.current.length);
      if (buffer.current.length === 0) return;
      const more = buffer.current;
      buffer.current = [];
      setLines((l) => appendBounded(l, more, MAX_LINES));
    }, 100);
    api
      .createLogSession(app.name, { tail: true, lines: 200 })
      .then((session) => {
        setPhase("live");
        return readLines(session.logplex_url, { signal: abort.signal, onLine: (l) => buffer.current.push(parseLogLine(l)) });
      })
      .then(
        () => abort.signal.aborted || setPhase("ended"),
        (err: Error) => {
          if (abort.signal.aborted) return;
          setPhase(err instanceof ApiError && err.endpointMissing ? "unavailable" : "error");
          setError(err.message);
        },
      );
    return () => {
      abort.abort();
      clearInterval(timer);
    };
  }, [api, app.name, attempt]);

  const shown = useMemo(() => lines.filter((l) => matchesFilter(l, filter)), [lines, filter]);
  const processes = useMemo(() => [...new Set(lines.map((l) => l.process.split(".")[0]!).filter(Boolean))].sort(), [lines]);
  useEffect(() => {
    if (!paused) end.current?.scrollIntoView({ block: "nearest" });
  }, [shown.length, paused]);

  if (phase === "unavailable") return <Unavailable what="log sessions" />;

  const togglePause = () => {
    pausedRef.current = !paused;
    setPaused(!paused);
    setHeld(0);
  };
  const download = () => {
    const blob = new Blob([shown.map((l) => l.raw).join("\n") + "\n"], { type: "text/plain" });
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = `${app.name}-logs.txt`;
    a.click();
    URL.revokeObjectURL(a.href);
  };

  return (
    <Section title="Logs">
      <div className="toolbar" role="group" aria-label="Log filters">
        <label htmlFor="log-process">Process</label>
        <select id="log-process" value={filter.process} onChange={(e) => setFilter({ ...filter, process: e.target.value })}>
          <option value="">All</option>
          {processes.map((p) => (
            <option key={p}>{p}</option>
          ))}
        </select>
        <label htmlFor="log-source">Source</label>
        <select id="log-source" value={filter.source} onChange={(e) => setFilter({ ...filter, source: e.target.value })}>
          <option value="">All</option>
          <option value="app">app</option>
          <option value="pier">pier (router, platform)</option>
        </select>
        <label htmlFor="log-text">Search</label>
        <input id="log-text" type="search" value={filter.text} onChange={(e) => setFilter({ ...filter, text: e.target.value })} />
        <button type="button" className="button" onClick={togglePause} aria-pressed={paused}>
          {paused ? `Resume${held ? ` (${held} new)` : ""}` : "Pause"}
        </button>
        <button type="button" className="button" onClick={download} disabled={shown.length === 0}>
          Download
        </button>
        <button type="button" className="button button-quiet" onClick={() => setLines([])}>
          Clear
        </button>
      </div>
      <p className="muted" role="status">
        {phase === "connecting" && "Connecting…"}
        {phase === "live" && (paused ? "Paused: new lines wait until you resume." : `Live · ${shown.length} of ${lines.length} lines shown`)}
        {phase === "ended" && "The log stream ended."}
      </p>
      {(phase === "error" || phase === "ended") && (
        <p className={phase === "error" ? "form-error" : ""} role={phase === "error" ? "alert" : undefined}>
          {phase === "error" && `The log stream failed: ${error} `}
          <button type="button" className="button" onClick={() => setAttempt((n) => n + 1)}>
            Reconnect
          </button>
        </p>
      )}
      <div className="terminal" role="log" aria-label="Log lines" tabIndex={0}>
        {shown.length === 0 && <div className="muted">{lines.length === 0 ? "No log lines yet." : "No line matches the filters."}</div>}
        {shown.map((l, i) => (
          <div key={i} className={`log-${l.source}`}>
            {l.time && <span className="log-time">{l.time} </span>}
            {l.source && <span className="log-src">{`${l.source}[${l.process}]: `}</span>}
            {l.text}
          </div>
        ))}
        <div ref={end} />
      </div>
    </Section>
  );
}
