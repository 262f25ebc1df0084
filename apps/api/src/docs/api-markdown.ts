/** docs/api.md, from the OpenAPI document the routes generate (a test fails when the file drifts). */
interface Operation {
  summary?: string;
  tags?: string[];
  parameters?: { name: string; in: string; description?: string }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}
interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  description?: string;
}
export interface ApiDoc {
  info: { description?: string };
  paths: Record<string, Record<string, Operation>>;
}

const METHODS = ["get", "post", "put", "patch", "delete"];

function typeOf(s: Schema | undefined): string {
  if (!s) return "any";
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.enum) return s.enum.map((e) => JSON.stringify(e)).join(" \\| ");
  if (s.anyOf) return s.anyOf.map(typeOf).join(" \\| ");
  if (s.type === "array") return `${typeOf(s.items)}[]`;
  return Array.isArray(s.type) ? s.type.join(" \\| ") : (s.type ?? "object");
}

function fieldsOf(s: Schema | undefined): string {
  const item = s?.type === "array" ? s.items : s;
  const props = item?.properties;
  if (!props) return "";
  const required = new Set(item?.required ?? []);
  return Object.entries(props)
    .map(([k, v]) => `\`${k}\`${required.has(k) ? "" : "?"}: ${typeOf(v)}`)
    .join(", ");
}

export function apiMarkdown(doc: ApiDoc): string {
  const groups = new Map<string, string[]>();
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = ops[method];
      if (!op) continue;
      const tag = op.tags?.[0] ?? "other";
      const body = op.requestBody?.content?.["application/json"]?.schema;
      const okCode = Object.keys(op.responses ?? {}).find((c) => c.startsWith("2"));
      const ok = okCode ? op.responses![okCode]!.content?.["application/json"]?.schema : undefined;
      const errors = Object.keys(op.responses ?? {}).filter((c) => /^[45]/.test(c));
      const lines = [`### ${method.toUpperCase()} ${path}`, "", op.summary ? `${op.summary}.` : "", ""];
      if (body) lines.push(`- Body: ${fieldsOf(body) || typeOf(body)}`);
      if (okCode) lines.push(`- ${okCode}: ${ok?.type === "array" ? "list of " : ""}${fieldsOf(ok) || typeOf(ok)}`);
      if (errors.length) lines.push(`- Errors: ${errors.join(", ")} (\`{id, message}\`)`);
      groups.set(tag, [...(groups.get(tag) ?? []), ...lines.filter((l, i) => l !== "" || lines[i - 1] !== ""), ""]);
    }
  }
  const out = [
    "# Pier API reference",
    "",
    "<!-- Generated from the routes' schemas (GET /openapi.json). Do not edit: run `npm run docs:generate`. -->",
    "",
    doc.info.description ?? "",
    "",
    "The running API serves this as an OpenAPI 3 document at `/openapi.json` and as a browsable page at `/reference`.",
    "",
    "## Conventions",
    "",
    "- Authenticate with `Authorization: Bearer <token>` (from `pier login`, `POST /auth/login` or `pier tokens:create`).",
    "- Send `Accept: application/vnd.heroku+json; version=3` (any version 3 variant) or `application/json`; other versions get 406.",
    "- Errors: `{\"id\": \"not_found\", \"message\": \"...\"}` with a 4xx status (400 malformed, 401 no/bad token, 403 not allowed,",
    "  404 missing or not yours, 409 conflict, 413 too large, 415 wrong content type, 422 invalid values, 429 rate limited).",
    "- Apps you cannot access answer exactly like apps that do not exist (404).",
    "- Lists paginate like Heroku's: send `Range: <field> [[]start]..[end]; max=N, order=asc|desc` (e.g.",
    "  `version ..; max=15, order=desc`). A cut list answers 206 with `Next-Range` to send next; the last page has none.",
    "  `Accept-Ranges` names the fields a list sorts by. Default page size 200, at most 1000.",
    "",
    "## The heroku CLI",
    "",
    "Heroku's own CLI drives Pier: `HEROKU_HOST=https://<pier api>` and either `HEROKU_API_KEY=<pier token>` or",
    "`heroku login -i` (email and password; `POST /oauth/authorizations` answers a Pier token in Heroku's shape);",
    "`heroku logout` revokes that token (`DELETE /oauth/sessions/~`).",
    "`apps`, `apps:create/destroy`, `ps`, `ps:scale`, `ps:restart` (`-p TYPE`, `-d DYNO`), `config:*`, `domains:*`,",
    "`releases`, `rollback` and `logs` are tested with heroku 11.10.0 (`e2e/heroku-cli.e2e.test.ts`).",
    "Set `HEROKU_PARTICLEBOARD_URL=https://<pier api>` as well where the machine has no route to heroku.com: beside",
    "every app request the CLI asks `particleboard.heroku.com` about billing, and without a network it waits for that",
    "name to time out (5-8 s a command); pointed at Pier, the question (`GET /account`) is answered at once and carries",
    "no delinquency, so the CLI warns of nothing.",
    "",
  ];
  for (const tag of [...groups.keys()].sort()) out.push(`## ${tag}`, "", ...groups.get(tag)!);
  return `${out.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd()}\n`;
}
