// `npm run bench:engine`: one run, one table. wrk (1 thread, loopback only, BENCH_SECONDS per
// case, default 5) measures requests/s and p50/p99 for: direct to an endpoint, L4, L4 TLS
// passthrough with SNI peek, L7 http, L7 TLS terminate — keep-alive and connection-per-request,
// with the event stream on (a subscriber attached, sampling active) and off (data-plane events
// disabled); then nginx (1 worker) and HAProxy (1 thread) running the engine's own exported
// config of the same lab against the same endpoints. Then ratios against the issue's targets,
// lab-ready time over 200 creations and the memory of 500 idle labs.
// Env: BENCH_SECONDS, BENCH_CONNECTIONS (default 32), BENCH_ONLY (substring of case labels),
// BENCH_SKIP_LABS=1 (skip the lab-ready/memory part).
import { labSpecSchema } from "../engine/api/schema";
import { LabManager } from "../engine/lab/lab-manager";
import type { Lab } from "../engine/lab/lab";
import { BENCH_SPEC, CASES, L7_PER_REQUEST_VS_HAPROXY, type BenchCase } from "./lib/bench-spec";
import { idleLabMemory, labReadyTimes, loadExample } from "./lib/lab-ready";
import { installed, startReference, type ReferenceProxy } from "./lib/reference-proxies";
import { table } from "./lib/table";
import { createLabCa } from "../engine/transport/ca";
import { hasWrk, runWrk, type WrkResult } from "./lib/wrk";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const ONLY = process.env.BENCH_ONLY ?? "";

type Mode = "keep-alive" | "per-request";
type Who = "engine, events off" | "engine, events on" | "nginx" | "haproxy";
interface Row {
  c: BenchCase;
  mode: Mode;
  who: Who;
  r: WrkResult;
}

async function measure(url: string, keepAlive: boolean): Promise<WrkResult> {
  await runWrk({ url, seconds: 1, connections: CONNECTIONS, keepAlive }); // warm-up (JIT, pools, TLS caches)
  return runWrk({ url, seconds: SECONDS, connections: CONNECTIONS, keepAlive });
}

const urlFor = (c: BenchCase, port: number) => `${c.scheme}://${c.scheme === "https" ? "localhost" : "127.0.0.1"}:${port}/`;

async function main(): Promise<void> {
  if (!hasWrk()) {
    console.error("wrk is not installed (apt-get install -y wrk); the benchmark needs it.");
    process.exit(1);
  }
  const spec = labSpecSchema.parse(BENCH_SPEC);
  const off = new LabManager({ events: { dataPlane: false } });
  const on = new LabManager();
  const labOff = await off.create(spec, null);
  const labOn = await on.create(spec, null);
  // "Events on" is what a learner watching the lab costs: a live subscriber receiving frames.
  let frames = 0;
  labOn.events.subscribe({ onEvent: () => void frames++, onClose: () => {} });
  const rows: Row[] = [];
  const cases = CASES.filter((c) => c.label.toLowerCase().includes(ONLY.toLowerCase()));
  const t0 = Date.now();

  const enginePort = (lab: Lab, c: BenchCase) => (c.listener ? lab.ports().listeners[c.listener]! : lab.ports().endpoints[c.scheme === "https" ? "app-tls" : "app"]!);
  for (const c of cases)
    for (const mode of ["keep-alive", "per-request"] as Mode[]) {
      for (const [who, lab] of [["engine, events off", labOff], ["engine, events on", labOn]] as const) {
        rows.push({ c, mode, who, r: await measure(urlFor(c, enginePort(lab, c)), mode === "keep-alive") });
        process.stderr.write(".");
      }
    }

  for (const name of ["nginx", "haproxy"] as const) {
    if (!installed(name)) {
      console.warn(`\n${name} is not installed: its rows are skipped (apt-get install -y nginx libnginx-mod-stream haproxy)`);
      continue;
    }
    let ref: ReferenceProxy;
    try {
      // Its own CA: the reference proxies only need a certificate for "localhost" (wrk does not verify).
      ref = await startReference(name, spec, await createLabCa({ labId: name }), labOff.ports().endpoints);
    } catch (err) {
      console.warn(`\n${(err as Error).message}`);
      continue;
    }
    try {
      for (const c of cases) {
        if (!c.listener) continue;
        for (const mode of ["keep-alive", "per-request"] as Mode[]) {
          rows.push({ c, mode, who: name, r: await measure(urlFor(c, ref.ports[c.listener]!), mode === "keep-alive") });
          process.stderr.write(".");
        }
      }
    } finally {
      await ref.stop();
    }
  }
  await on.closeAll();
  await off.closeAll();
  process.stderr.write("\n");

  console.log(`\nLayerLab engine benchmark — wrk -t1 -c${CONNECTIONS}, ${SECONDS}s per case after a 1s warm-up, loopback, Node ${process.version}, ${Math.round((Date.now() - t0) / 1000)}s total`);
  console.log(
    table(
      ["case", "connections", "proxy", "req/s", "p50 ms", "p99 ms", "errors"],
      rows.map((x) => [x.c.label, x.mode, x.who, x.r.rps, x.r.p50Ms, x.r.p99Ms, x.r.errors + x.r.non2xx]),
    ),
  );
  console.log(`(events on: ${frames.toLocaleString("en-US")} frames reached the subscriber; the rest were sampled away and counted)`);

  const find = (c: BenchCase, mode: Mode, who: Who) => rows.find((x) => x.c === c && x.mode === mode && x.who === who)?.r.rps ?? NaN;
  const ratioRows: (string | number)[][] = [];
  for (const c of cases) {
    if (!c.target) continue;
    for (const mode of ["keep-alive", "per-request"] as Mode[]) {
      const l7PerRequest = c.listener === "l7" && mode === "per-request";
      const against = l7PerRequest ? "haproxy" : c.target.against;
      const want = l7PerRequest ? L7_PER_REQUEST_VS_HAPROXY : mode === "keep-alive" ? c.target.keepAlive : c.target.perRequest;
      const ratio = find(c, mode, "engine, events off") / find(c, mode, against);
      ratioRows.push([c.label, mode, `vs ${against}`, ratio, `≥ ${want}`, Number.isFinite(ratio) ? (ratio >= want ? "ok" : "MISS") : "n/a"]);
    }
  }
  for (const c of cases)
    for (const mode of ["keep-alive", "per-request"] as Mode[]) {
      const offRps = find(c, mode, "engine, events off");
      const cost = (offRps - find(c, mode, "engine, events on")) / offRps;
      ratioRows.push([c.label, mode, "events on cost", cost * 100, "≤ 5 %", cost <= 0.05 ? "ok" : "MISS"]);
    }
  console.log("\nRatios (engine with events off unless stated)");
  console.log(table(["case", "connections", "measure", "value", "target", ""], ratioRows));

  if (process.env.BENCH_SKIP_LABS !== "1") {
    const tls = loadExample("tls.json");
    const plain = loadExample("l4-vs-l7.json");
    const readyTls = await labReadyTimes(tls, 200);
    const readyPlain = await labReadyTimes(plain, 200);
    const mem = await idleLabMemory(plain, 500);
    const memTls = await idleLabMemory(tls, 500);
    console.log("\nLabs");
    console.log(
      table(
        ["measure", "value", "target", ""],
        [
          ["ready p50, tls.json (certs issued) ms", readyTls.p50, "≤ 30", readyTls.p50 <= 30 ? "ok" : "MISS"],
          ["ready p99, tls.json ms", readyTls.p99, "≤ 100", readyTls.p99 <= 100 ? "ok" : "MISS"],
          ["ready p50, l4-vs-l7.json ms", readyPlain.p50, "≤ 30", readyPlain.p50 <= 30 ? "ok" : "MISS"],
          ["ready p99, l4-vs-l7.json ms", readyPlain.p99, "≤ 100", readyPlain.p99 <= 100 ? "ok" : "MISS"],
          ["500 idle labs (l4-vs-l7.json): engine RSS MiB", mem.totalRssMiB, "≤ 1024", mem.totalRssMiB <= 1024 ? "ok" : "MISS"],
          ["  of which the labs (RSS growth) MiB", mem.rssMiB, "", ""],
          ["  per lab KiB", mem.perLabKiB, "", ""],
          ["500 idle labs (tls.json): engine RSS MiB", memTls.totalRssMiB, "≤ 1024", memTls.totalRssMiB <= 1024 ? "ok" : "MISS"],
          ["  of which the labs (RSS growth) MiB", memTls.rssMiB, "", ""],
        ],
      ),
    );
    if (!mem.gcExposed) console.log("(run with `node --expose-gc` for steadier memory figures)");
  }
  console.log(`\ncommand: npm run bench:engine   (BENCH_SECONDS=${SECONDS} BENCH_CONNECTIONS=${CONNECTIONS}${ONLY ? ` BENCH_ONLY=${ONLY}` : ""})`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
