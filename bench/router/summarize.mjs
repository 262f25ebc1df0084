// Table of medians over rounds per (scenario, proxy) from results.tsv; ratios against nginx in the
// same scenario. Ends with the p99 comparison and `router/nginx rps ratio: X.XX` (single scenario).
import fs from "node:fs";

const rows = fs.readFileSync(process.argv[2], "utf8").trim().split("\n").slice(1).map((l) => l.split("\t"));
const med = (a) => {
  a = a.map(Number).filter(Number.isFinite).sort((x, y) => x - y);
  const m = a.length >> 1;
  return !a.length ? NaN : a.length % 2 ? a[m] : (a[m - 1] + a[m]) / 2;
};
const groups = new Map();
for (const r of rows) {
  const k = `${r[0]}\t${r[1]}`;
  if (!groups.has(k)) groups.set(k, []);
  groups.get(k).push(r);
}
const col = (g, i) => med(g.map((r) => r[i]));
const usr = (g) => med(g.map((r) => (Number(r[8]) > 0 ? (Number(r[8]) * 1e4) / Number(r[3]) : NaN)));
const f = (v, d) => (Number.isFinite(v) ? v.toFixed(d) : "NA");
const hdr = ["scenario", "proxy", "rps(median)", "x nginx", "p50 ms", "p99 ms", "p99 x nginx", "rps min..max", "cpu us/req", "cpu x nginx", "proxy cpu%", "load cpu%", "other%", "errors", "runs"];
const out = [hdr];
const summary = {};
for (const [k, g] of groups) {
  const [scen, name] = k.split("\t");
  const ng = groups.get(`${scen}\tnginx`);
  const rps = col(g, 3);
  const ok = g.map((r) => Number(r[3])).filter(Number.isFinite);
  const ratio = ng ? rps / col(ng, 3) : NaN;
  const p99 = ng ? col(g, 5) / col(ng, 5) : NaN;
  (summary[scen] ??= {})[name] = { ratio, p99: col(g, 5), p99Ratio: p99 };
  out.push([scen, name, f(rps, 0), f(ratio, 2), f(col(g, 4), 2), f(col(g, 5), 2), f(p99, 2),
    ok.length ? `${Math.min(...ok).toFixed(0)}..${Math.max(...ok).toFixed(0)}` : "NA", f(usr(g), 1), ng ? f(usr(ng) / usr(g), 2) : "NA",
    f(col(g, 8), 0), f(col(g, 9), 0), f(col(g, 10), 0), String(g.reduce((s, r) => s + (Number(r[6]) || 0), 0)), `${ok.length}/${g.length}`]);
}
const w = hdr.map((_, i) => Math.max(...out.map((r) => r[i].length)));
for (const r of out) console.log(r.map((c, i) => (i < 2 ? c.padEnd(w[i]) : c.padStart(w[i]))).join("  "));
console.log("");
for (const scen of Object.keys(summary)) {
  const r = summary[scen]["pier-router"];
  const n = summary[scen].nginx;
  if (r && n) console.log(`${scen}: router p99 ${f(r.p99, 2)} ms, nginx p99 ${f(n.p99, 2)} ms (router/nginx p99 ${f(r.p99Ratio, 2)}); router/nginx rps ${f(r.ratio, 2)}`);
}
// TLS handshakes (rows: proxy, round, mode, connections/s, proxy CPU us per handshake).
if (process.argv[3] && fs.existsSync(process.argv[3])) {
  const hs = fs.readFileSync(process.argv[3], "utf8").trim().split("\n").filter(Boolean).map((l) => l.split("\t"));
  const label = { "-new": "full (TLS 1.3)", "-reuse -tls1_2": "resumed (TLS 1.2 ticket)" };
  for (const mode of Object.keys(label)) {
    const of = (name, i) => med(hs.filter((r) => r[0] === name && r[2] === mode).map((r) => r[i]));
    const [rr, nr, ru, nu] = [of("pier-router", 3), of("nginx", 3), of("pier-router", 4), of("nginx", 4)];
    console.log(`tls handshakes ${label[mode]}: router ${f(rr, 0)}/s, nginx ${f(nr, 0)}/s, router/nginx ${f(rr / nr, 2)}; cpu us/handshake router ${f(ru, 0)}, nginx ${f(nu, 0)} (cpu x nginx ${f(nu / ru, 2)})`);
  }
}
console.log(`router/nginx rps ratio: ${f(summary.single?.["pier-router"]?.ratio, 2)}`);
