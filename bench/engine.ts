// `npm run bench:engine`: one run, one table. wrk (1 thread, 32 connections, loopback only)
// measures requests/s and p50/p99 for: direct to an endpoint, L4, L4 TLS passthrough with SNI
// peek, L7 http, L7 TLS terminate — keep-alive and connection-per-request — through the engine
// (its own process: lib/engine-under-test.ts) with the event stream on (a live subscriber,
// sampling active) and off (data-plane events disabled) — one lab, switched between runs — and
// through nginx (1 worker) and HAProxy (1 thread) running the engine's own exported config of the
// same lab against the same endpoints — plus, for every proxied case, a bare Node proxy (bench/lib/bare-node-proxy.mjs),
// the floor the targets were set against. Each row also shows the CPU per request of the proxy's
// own event-loop thread (lib/loop-thread-cpu.ts), so a ratio can be read as cost or as scheduling.
//
// The issue's targets are medians, and this machine is shared, so every case runs in ROUNDS
// rounds (default 5 × 2 s, after one 1 s warm-up) interleaved across all proxies — a burst of
// outside load hits every proxy alike — and the table shows the median round with the spread.
// (With 3 rounds, keep-alive ratios moved by up to 0.2 between runs: with wrk, the proxy and
// the endpoints all busy on 2 cores, one round's scheduling can favour either side.)
// Then ratios against the targets, each the median of the ratios within a round (paired: the two
// proxies ran back to back). Then the event stream's cost measured again, with events switched
// on and off every 250 ms under one steady wrk load (lib/alternate-events.ts): the rounds cannot
// resolve a 5% difference here. Then lab-ready time over 200 creations, memory of 500 idle labs.
// Env: BENCH_ROUNDS, BENCH_SECONDS (per round), BENCH_CONNECTIONS, BENCH_ONLY (case label
// substring), BENCH_EVENT_WINDOWS (per case and mode, default 240 — 60 s; 0 skips), BENCH_SKIP_LABS=1,
// BENCH_CONTROL=1 (an A/A check: the "events on" runs and windows keep the data-plane events off
// too, so their "cost" figures show how far two identical setups differ).
import { labSpecSchema } from "../engine/api/schema";
import { createLabCa } from "../engine/transport/ca";
import { eventsCost } from "./lib/alternate-events";
import { BENCH_SPEC, CASES, type BenchCase } from "./lib/bench-spec";
import { readCpuTimes, stealPercent } from "./lib/cpu-steal";
import { mainThreadCpuMicros } from "./lib/loop-thread-cpu";
import { idleLabMemory, labReadyTimes, loadExample } from "./lib/lab-ready";
import { startBareNode } from "./lib/bare-node";
import { startEngineProcess, type LabPorts } from "./lib/engine-process";
import { installed, startReference, type ReferenceProxy } from "./lib/reference-proxies";
import { eventsCostTable, labsTable, measurementsTable, medianOf, ratiosTable, type EventsCostRow, type Mode, type Row, type Who } from "./lib/report";
import { hasWrk, runWrk, startWrkLoad, type WrkResult } from "./lib/wrk";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const ONLY = (process.env.BENCH_ONLY ?? "").toLowerCase();
const CONTROL = process.env.BENCH_CONTROL === "1";
// 120 pairs: with 80 the 95% interval was about ±4%, with 120 about ±3% (on a machine with steal
// time it can be ±8%). L7 TLS per-request used to read 1.2–6.8% (mean 4.2%) until the sandbox
// thread stopped sending one message per event loop turn (sandbox/worker/event-batcher.ts).
const EVENT_WINDOWS = Number(process.env.BENCH_EVENT_WINDOWS ?? 240);
const EVENT_WINDOW_MS = 200;
/** After each switch, unmeasured: events already queued under one setting are not counted in the other's window. */
const EVENT_SETTLE_MS = 50;
const MODES: Mode[] = ["keep-alive", "per-request"];

interface Target {
  c: BenchCase;
  mode: Mode;
  who: Who;
  url: string;
  runs: WrkResult[];
  /** Engine rows: CPU µs of the engine process (proxies, sandbox thread, GC) per request, per round. */
  cpu: number[];
  /** The process whose main thread runs this target's event loop (null: direct to an endpoint). */
  loopPid: number | null;
  /** CPU µs of that thread per request, per round (loop-thread-cpu.ts). */
  loopCpu: number[];
}

const urlFor = (c: BenchCase, port: number) => `${c.scheme}://${c.scheme === "https" ? "localhost" : "127.0.0.1"}:${port}/`;
const enginePort = (lab: LabPorts, c: BenchCase) => (c.listener ? lab.listeners[c.listener]! : lab.endpoints[c.scheme === "https" ? "app-tls" : "app"]!);

function median(t: Target): Row {
  const sorted = [...t.runs].sort((a, b) => a.rps - b.rps);
  return {
    c: t.c,
    mode: t.mode,
    who: t.who,
    r: sorted[Math.floor(sorted.length / 2)]!,
    min: sorted[0]!.rps,
    max: sorted.at(-1)!.rps,
    cpuUsPerRequest: medianOf(t.cpu),
    loopCpuUsPerRequest: medianOf(t.loopCpu),
    rpsByRound: t.runs.map((r) => r.rps),
    cpuByRound: t.cpu,
  };
}

/**
 * The targets of one case and mode run back to back; each round starts that group at a different
 * target and odd rounds run it in reverse, so no proxy always runs right after the same one. Order
 * matters here: in an A/A check (BENCH_CONTROL=1, when "on" and "off" were two labs) the one that
 * always ran second looked 5–10% slower.
 */
function rotatedWithinGroups(targets: Target[], round: number): Target[] {
  const groups = new Map<string, Target[]>();
  for (const t of targets) {
    const key = `${t.c.label}|${t.mode}`;
    groups.set(key, [...(groups.get(key) ?? []), t]);
  }
  return [...groups.values()].flatMap((group) => {
    const g = round % 2 === 1 ? [...group].reverse() : group;
    const start = round % g.length;
    return [...g.slice(start), ...g.slice(0, start)];
  });
}

async function main(): Promise<void> {
  if (!hasWrk()) {
    console.error("wrk is not installed (apt-get install -y wrk); the benchmark needs it.");
    process.exit(1);
  }
  const spec = labSpecSchema.parse(BENCH_SPEC);
  const engine = await startEngineProcess(CONTROL);
  const cases = CASES.filter((c) => c.label.toLowerCase().includes(ONLY));

  const refs: ReferenceProxy[] = [];
  const targets: Target[] = [];
  const t0 = Date.now();
  const cpuAtStart = readCpuTimes();
  let frames = 0;
  const eventCosts: EventsCostRow[] = [];
  // Everything after the engine's start sits in the try, so a failure stops every process.
  try {
    for (const name of ["nginx", "haproxy"] as const) {
      if (!installed(name)) {
        console.warn(`${name} is not installed: its rows are skipped (apt-get install -y nginx libnginx-mod-stream haproxy)`);
        continue;
      }
      // Its own CA: the reference proxies need a certificate for "localhost" (wrk does not verify).
      await startReference(name, spec, await createLabCa({ labId: name }), engine.ports.endpoints).then(
        (r) => refs.push(r),
        (err: Error) => console.warn(err.message),
      );
    }

    // The calibration floor: bare Node proxies (no routing, events or limits) for every proxied case.
    const bareCa = await createLabCa({ labId: "bare node" });
    const bareIdentity = await bareCa.issue(["localhost"]);
    refs.push(await startBareNode(engine.ports.endpoints, { keyPem: bareIdentity.keyPem, certPem: bareIdentity.certPem + bareCa.caCertPem }));

    for (const c of cases)
      for (const mode of MODES) {
        // Direct to an endpoint, no proxy runs: the sandbox thread serves it, not the main thread.
        const engineLoop = c.listener ? engine.pid : null;
        const url = urlFor(c, enginePort(engine.ports, c));
        targets.push({ c, mode, who: "engine, events off", url, runs: [], cpu: [], loopPid: engineLoop, loopCpu: [] });
        targets.push({ c, mode, who: "engine, events on", url, runs: [], cpu: [], loopPid: engineLoop, loopCpu: [] });
        for (const ref of refs)
          if (c.listener && ref.ports[c.listener])
            targets.push({ c, mode, who: ref.name, url: urlFor(c, ref.ports[c.listener]!), runs: [], cpu: [], loopPid: ref.loopPid(c.listener), loopCpu: [] });
      }

    // The engine's targets share one lab: its events are switched to the target's setting first.
    const prepare = (t: Target) => (t.who.startsWith("engine") ? engine.setEvents(t.who === "engine, events on") : Promise.resolve());
    const run = (t: Target, seconds: number) => runWrk({ url: t.url, seconds, connections: CONNECTIONS, keepAlive: t.mode === "keep-alive" });
    for (const t of targets) await prepare(t).then(() => run(t, 1)); // warm-up: JIT, pools, caches
    for (let round = 0; round < ROUNDS; round++)
      for (const t of rotatedWithinGroups(targets, round)) {
        // No forced GC between runs: with a gc() before each run, the engine measured about 9%
        // lower in L7 against the same engine code run without it (the cause was not isolated).
        await prepare(t); // before the CPU reading: the switch's own work is not counted
        const before = await engine.cpuUsage();
        const loopBefore = t.loopPid !== null ? mainThreadCpuMicros(t.loopPid) : null;
        const r = await run(t, SECONDS);
        const loopAfter = t.loopPid !== null ? mainThreadCpuMicros(t.loopPid) : null;
        const after = await engine.cpuUsage();
        t.runs.push(r);
        t.loopCpu.push(loopBefore !== null && loopAfter !== null && r.requests > 0 ? (loopAfter - loopBefore) / r.requests : NaN);
        // The engine process's own CPU, the sandbox thread included. One entry per
        // round, NaN for a round with no requests, so rounds stay paired by index.
        const used = after.user - before.user + after.system - before.system;
        if (t.who.startsWith("engine")) t.cpu.push(r.requests > 0 ? used / r.requests : NaN);
        process.stderr.write(".");
      }

    // The event stream's cost from alternated windows: one wrk load per case and mode, started a
    // second early so its connections are up, stopped once the engine has measured every window.
    for (const c of EVENT_WINDOWS > 0 ? cases : [])
      for (const mode of MODES) {
        const load = startWrkLoad({ url: urlFor(c, enginePort(engine.ports, c)), seconds: 600, connections: CONNECTIONS, keepAlive: mode === "keep-alive" });
        try {
          await new Promise((resolve) => setTimeout(resolve, 1000));
          const windows = await engine.alternateEvents({ windows: EVENT_WINDOWS, windowMs: EVENT_WINDOW_MS, settleMs: EVENT_SETTLE_MS });
          eventCosts.push({ c, mode, cost: eventsCost(windows) });
        } finally {
          await load.stop();
        }
        process.stderr.write(":");
      }
    frames = await engine.frames();
  } finally {
    await Promise.all(refs.map((r) => r.stop()));
    await engine.stop();
  }
  process.stderr.write("\n");
  const rows = targets.map(median);
  const steal = stealPercent(cpuAtStart, readCpuTimes());

  console.log(`\nLayerLab engine benchmark — wrk -t1 -c${CONNECTIONS}, median of ${ROUNDS} interleaved rounds of ${SECONDS}s, loopback, Node ${process.version}, ${Math.round((Date.now() - t0) / 1000)}s${steal !== null ? `, steal ${steal.toFixed(1)}% of CPU time` : ""}`);
  console.log(measurementsTable(rows));
  console.log("(engine CPU: the whole engine process, the sandbox endpoints' thread included. Proxy thread CPU: the thread that runs the proxy's event loop — the engine's main thread, nginx's worker, HAProxy's process, the bare Node proxy's main thread)");
  if (CONTROL) console.log("(BENCH_CONTROL=1: the \"events on\" rows are a second events-off lab; their cost rows are the noise between two identical labs)");
  else console.log(`(events on: ${frames.toLocaleString("en-US")} frames reached the live subscriber; the rest were sampled away and counted)`);
  for (const c of cases)
    if (spec.listeners.some((l) => l.name === c.listener && l.layer === "l7" && l.sessionResumption === false))
      console.log(`(${c.label}: TLS session resumption is off on every proxy, so each per-request connection is a full handshake)`);
  console.log("\nRatios (engine with events off unless stated; median over rounds of the ratio within each round)");
  console.log(ratiosTable(rows, cases));
  if (eventCosts.length > 0) {
    console.log(`\nEvent stream cost: events switched on and off under one wrk load, ${EVENT_WINDOWS} windows of ${EVENT_WINDOW_MS} ms (+${EVENT_SETTLE_MS} ms unmeasured after each switch), on/off in ABBA order`);
    console.log(eventsCostTable(eventCosts));
    if (CONTROL) console.log("(BENCH_CONTROL=1: events stayed off in the \"on\" windows too; these figures are the method's own noise)");
  }

  if (process.env.BENCH_SKIP_LABS !== "1") {
    const tls = loadExample("tls.json");
    const plain = loadExample("l4-vs-l7.json");
    const figures = {
      readyTls: await labReadyTimes(tls, 200),
      readyPlain: await labReadyTimes(plain, 200),
      mem: await idleLabMemory(plain, 500),
      memTls: await idleLabMemory(tls, 500),
    };
    console.log("\nLabs (through the LabManager, as POST /v1/labs does)");
    console.log(labsTable(figures));
    if (!figures.mem.gcExposed) console.log("(memory without forced GC; `node --expose-gc --import tsx bench/engine.ts` gives steadier figures)");
  }
  console.log(`\ncommand: npm run bench:engine  (BENCH_ROUNDS=${ROUNDS} BENCH_SECONDS=${SECONDS} BENCH_CONNECTIONS=${CONNECTIONS}${EVENT_WINDOWS !== 240 ? ` BENCH_EVENT_WINDOWS=${EVENT_WINDOWS}` : ""}${ONLY ? ` BENCH_ONLY=${ONLY}` : ""}${CONTROL ? " BENCH_CONTROL=1" : ""})`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
