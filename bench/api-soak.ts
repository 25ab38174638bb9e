// `npm run soak:api`: the control API fed seeded, edited versions of the example lab specs, and
// for every lab that gets created, edited traffic runs, faults and config exports. Not part of
// the tests (it runs as long as you ask); it looks for the body that the tests' fixed cases miss.
// It found one: a raw-TCP run at an HTTP listener that held the lab for 16 minutes (traffic runs
// now stop at maxRunMs, tests/engine/traffic-generator.test.ts).
//
// Each spec is an example with 1–2 edits: a field deleted, replaced by a value seen under the
// same key in another example (so many edits stay valid and reach the engine's runtime), or by an
// odd value (null, negative, huge, long, empty, wrong type, prototype names), or an array entry
// duplicated. Traffic bodies and faults get 0–2 edits of their own.
// Pass: no answer of 500 or more, no call that takes longer than a run may last plus slack, no
// uncaught error in this process (the engine runs in it), and every lab deleted at the end.
//
// Env: SOAK_SEED (1), SOAK_CASES (300).
import { readFileSync } from "node:fs";
import { seededRandom } from "@/lib/progress/shuffle";
import { LIMITS } from "../engine/api/schema";
import { createControlServer } from "../engine/api/server";
import { LabManager } from "../engine/lab/lab-manager";

const SEED = Number(process.env.SOAK_SEED ?? 1);
const CASES = Number(process.env.SOAK_CASES ?? 300);
const TOKEN = "soak-token-0123456789abcdef";
/** The longest any call may take: a traffic run's limit, its last request's timeout, slack. */
const CALL_LIMIT_MS = LIMITS.trafficRunMs + 30_000 + 5_000;

function fail(kind: string, detail: unknown): never {
  console.error(`\nFAILED: ${kind}`, detail);
  process.exit(1);
}
process.on("uncaughtException", (err) => fail("uncaught exception", err));
process.on("unhandledRejection", (err) => fail("unhandled rejection", err));

const random = seededRandom(SEED);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

const ODD_VALUES: Json[] = [null, true, 0, -1, 1e12, 1.5, "", "x".repeat(5000), "a b", "../../etc", "127.0.0.1", "🙂", [], {}, [null], "__proto__", "constructor", 65535, 99999999];

const examples = ["l4-vs-l7", "tls", "sticky", "health"].map((n) => JSON.parse(readFileSync(`engine/examples/${n}.json`, "utf8")) as Json);

function pathsOf(value: Json, prefix: Path = [], out: Path[] = []): Path[] {
  if (prefix.length > 0) out.push(prefix);
  if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) pathsOf(v, [...prefix, Array.isArray(value) ? Number(k) : k], out);
  return out;
}
function at(value: Json, path: Path): Json {
  let v: Json = value;
  for (const k of path) v = (v as Record<string | number, Json>)?.[k] ?? null;
  return v;
}

/** Every value each key has in some example: replacements that often keep a spec valid. */
const seenUnderKey = new Map<string, Json[]>();
for (const ex of examples)
  for (const p of pathsOf(ex)) {
    const key = String(p[p.length - 1]);
    seenUnderKey.set(key, [...(seenUnderKey.get(key) ?? []), at(ex, p)]);
  }

function edited(original: Json, edits: number): Json {
  const copy = structuredClone(original);
  for (let i = 0; i < edits; i++) {
    const paths = pathsOf(copy);
    if (paths.length === 0) break;
    const path = pick(paths);
    const parent = at(copy, path.slice(0, -1)) as Record<string | number, Json>;
    const list = Array.isArray(parent) ? (parent as Json[]) : null;
    const key = path[path.length - 1]!;
    const r = random();
    if (r < 0.25) {
      if (list) list.splice(Number(key), 1);
      else delete parent[key];
    } else if (r < 0.75) {
      const seen = seenUnderKey.get(String(key));
      parent[key] = structuredClone(seen && random() < 0.6 ? pick(seen) : pick(ODD_VALUES));
    } else if (list) list.push(structuredClone(list[Number(key)]!));
    else parent[key] = structuredClone(pick(ODD_VALUES));
  }
  return copy;
}

const manager = new LabManager();
const control = createControlServer({ token: TOKEN, manager });
const port = await control.listen(0);
const statuses = new Map<number, number>();

async function call(method: string, path: string, body?: Json): Promise<{ status: number; json: { id?: string; listeners?: { name: string }[]; clusters?: { endpoints: { name: string }[] }[] } | null }> {
  const started = Date.now();
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(CALL_LIMIT_MS),
  }).catch((err: Error) => fail(`${method} ${path} got no answer`, `${err.message}\nbody: ${JSON.stringify(body)}`));
  const text = await res.text();
  statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
  if (res.status >= 500) fail(`${method} ${path} answered ${res.status}`, `${text.slice(0, 500)}\nbody: ${JSON.stringify(body)}`);
  if (Date.now() - started > CALL_LIMIT_MS) fail(`${method} ${path} took ${Date.now() - started} ms`, JSON.stringify(body));
  return { status: res.status, json: text.startsWith("{") ? JSON.parse(text) : null };
}

const t0 = Date.now();
let created = 0;
for (let i = 0; i < CASES; i++) {
  const spec = edited(pick(examples), 1 + Math.floor(random() * 2));
  const lab = await call("POST", "/v1/labs", spec);
  if (lab.status !== 201 || !lab.json?.id) continue;
  created++;
  const id = lab.json.id;
  const listeners = (lab.json.listeners ?? []).map((l) => l.name);
  const endpoints = (lab.json.clusters ?? []).flatMap((c) => c.endpoints.map((e) => e.name));
  await call("GET", `/v1/labs/${id}`);
  for (const format of ["nginx", "haproxy", "yaml"]) await call("GET", `/v1/labs/${id}/config?format=${format}`);
  for (let k = 0; k < 3; k++) {
    const traffic: Json = { listener: pick(listeners), requests: 3, clients: 2, keepAlive: random() < 0.5, paths: ["/api/users", "/"], protocol: pick(["http", "http", "tcp", "websocket"]), timeoutMs: 1000, maxRunMs: 5000, ...(random() < 0.3 ? { tls: {} } : {}) };
    await call("POST", `/v1/labs/${id}/traffic`, edited(traffic, Math.floor(random() * 3)));
    const fault: Json = { endpoint: pick(endpoints), action: pick(["stop", "start", "error", "latency", "clear"]), status: 503, latencyMs: 10 };
    await call("POST", `/v1/labs/${id}/faults`, edited(fault, Math.floor(random() * 2)));
  }
  if ((await call("DELETE", `/v1/labs/${id}`)).status !== 204) fail("DELETE did not answer 204", id);
  if ((i + 1) % 50 === 0) process.stderr.write(`${i + 1} cases, ${created} labs created, ${Math.round((Date.now() - t0) / 1000)} s\n`);
}
if (manager.size !== 0) fail("labs left after the run", manager.size);
await manager.closeAll();
await control.close();
console.log(`statuses: ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`);
console.log(`PASS: ${CASES} specs (${created} labs created and driven) in ${Math.round((Date.now() - t0) / 1000)} s, no 5xx, no call over ${CALL_LIMIT_MS / 1000} s, nothing left.`);
