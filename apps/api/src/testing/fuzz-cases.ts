import { exampleOf, type JsonSchema, type OpenApiDoc, type RouteCall } from "./openapi-walk.js";

/** One malformed request: a raw path (not re-encoded), headers and a raw body. */
export interface FuzzCase {
  route: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** Deterministic, so a failure can be reproduced from the seed. */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Path segment values, already in wire form. */
export const BAD_SEGMENTS = [
  "", "%00", "..%2F..%2Fetc%2Fpasswd", "%zz", "%", "a".repeat(3000), "%E2%82%AC%F0%9F%92%A9", "'%20OR%201%3D1--", "-1", "0", "99999999999999999999",
  "00000000-0000-0000-0000-000000000000", "v0", "v-1", "%20", "null", "undefined", "__proto__", "constructor", "~", "*", "%2A", ".", "..", "x.git",
  "%0d%0aSet-Cookie:x", "%C0%AF", "%FF%FE",
];

const HUGE = "x".repeat(300_000);
export const BAD_BODIES = [
  "", "{", "}", "[", "null", "true", "0", "-1e309", '"str"', "[]", "[[[[[[[[[[]]]]]]]]]]", '{"a":', "{'single':'quotes'}", "\u0000", "\uFEFF{}",
  '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"x":1}}}', JSON.stringify({ x: HUGE }), "[".repeat(5000) + "]".repeat(5000),
  JSON.stringify(Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`K${i}`, "v"]))), "\u00ff\u00fe", "1".repeat(400),
];

const WRONG_VALUES: unknown[] = [null, 0, -1, 1.5, 1e308, -1e308, "", " ", "x".repeat(70_000), true, [], [null], {}, { nested: { deeper: [1, 2, 3] } }, "\u0000", "💩", "NaN", "-1", "+1", "9".repeat(40), "../../etc"];

export const BAD_HEADER_SETS: Record<string, string>[] = [
  { range: "garbage" }, { range: "version ..; max=-1" }, { range: "version ..; max=99999999999999999999" }, { range: "id ]..; order=sideways" }, { range: "x".repeat(5000) },
  { range: "version ]\u00e9..\u00e9; max=1" }, { accept: "application/vnd.heroku+json; version=99" }, { accept: "text/html" }, { accept: "*/*;q=abc" },
  { "content-type": "application/json; charset=utf-42" }, { "content-type": "multipart/form-data; boundary=x" }, { "content-type": "text/plain" },
  { "content-type": "application/x-www-form-urlencoded" }, { authorization: "Bearer" }, { authorization: "Basic !!!notbase64!!!" }, { authorization: `Bearer ${"a".repeat(8000)}` },
  { authorization: "Digest x" }, { "x-forwarded-for": "not-an-ip" }, { "if-none-match": "*" },
];

/** Bodies that put a wrong value in each property of the route's schema. */
function propertyMutations(schema: JsonSchema, rand: () => number): string[] {
  const base = exampleOf(schema);
  if (typeof base !== "object" || base === null || Array.isArray(base)) return [];
  const keys = [...new Set([...Object.keys(schema.properties ?? {}), ...Object.keys(base)])];
  const out: string[] = [];
  for (const key of keys) {
    for (let i = 0; i < 4; i++) {
      const value = WRONG_VALUES[Math.floor(rand() * WRONG_VALUES.length)];
      out.push(JSON.stringify({ ...base, [key]: value }));
    }
    const rest = { ...(base as Record<string, unknown>) };
    delete rest[key];
    out.push(JSON.stringify(rest));
  }
  return out;
}

/** The schema a route's JSON body follows (from the document), if any. */
const bodySchemaOf = (doc: OpenApiDoc, route: RouteCall): JsonSchema =>
  doc.paths[route.template]?.[route.method.toLowerCase()]?.requestBody?.content?.["application/json"]?.schema ?? {};

/**
 * Malformed requests for one route: every bad body, a wrong value in each schema property, bad
 * path segments in each parameter, and bad headers. `goodValue` names real resources so that the
 * body and header cases reach the handlers, past the not-found checks.
 */
export function fuzzCases(doc: OpenApiDoc, route: RouteCall, goodValue: (param: string) => string, seed: number): FuzzCase[] {
  const rand = prng(seed);
  const label = `${route.method} ${route.template}`;
  const fill = (override?: [string, string]) =>
    route.template.replace(/\{([^}]+)\}/g, (_m, name: string) => (override && override[0] === name ? override[1] : encodeURIComponent(goodValue(name))));
  const json = { "content-type": "application/json" };
  const cases: FuzzCase[] = [];
  const hasBody = !["GET", "DELETE"].includes(route.method);
  if (hasBody) {
    for (const body of BAD_BODIES) cases.push({ route: label, method: route.method, path: fill(), headers: json, body });
    for (const body of propertyMutations(bodySchemaOf(doc, route), rand)) cases.push({ route: label, method: route.method, path: fill(), headers: json, body });
  }
  for (const param of route.params) {
    for (const segment of BAD_SEGMENTS) {
      cases.push({ route: label, method: route.method, path: fill([param, segment]), headers: hasBody ? json : {}, body: hasBody ? JSON.stringify(exampleOf(bodySchemaOf(doc, route))) : undefined });
    }
  }
  for (const headers of BAD_HEADER_SETS) {
    cases.push({ route: label, method: route.method, path: fill(), headers: { ...(hasBody ? json : {}), ...headers }, body: hasBody ? JSON.stringify(exampleOf(bodySchemaOf(doc, route))) : undefined });
  }
  const query = ["?x=%zz", "?range=1&range=2", `?app=${"a".repeat(5000)}`, "?service=git-receive-pack%00", "?lines=-5&tail=maybe&dyno[]=1"];
  for (const q of query) cases.push({ route: label, method: route.method, path: fill() + q, headers: hasBody ? json : {}, body: hasBody ? "{}" : undefined });
  return cases;
}
