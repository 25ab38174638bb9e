// The benchmark's printed report: the measurements table, ratios against the targets,
// and the lab figures.
import { CASES, L7_PER_REQUEST_VS_HAPROXY, type BenchCase } from "./bench-spec";
import { table } from "./table";
import type { WrkResult } from "./wrk";

export type Mode = "keep-alive" | "per-request";
export type Who = "engine, events off" | "engine, events on" | "nginx" | "haproxy" | "bare node";
export interface Row {
  c: BenchCase;
  mode: Mode;
  who: Who;
  /** Median of the rounds (by req/s), with the spread of req/s across rounds. */
  r: WrkResult;
  min: number;
  max: number;
  /** Engine rows: median CPU µs of the engine process per request (NaN for other proxies). */
  cpuUsPerRequest: number;
}

export function measurementsTable(rows: Row[]): string {
  return table(
    ["case", "connections", "proxy", "req/s", "min", "max", "p50 ms", "p99 ms", "errors", "engine CPU µs/req"],
    rows.map((x) => [x.c.label, x.mode, x.who, x.r.rps, x.min, x.max, x.r.p50Ms, x.r.p99Ms, x.r.errors + x.r.non2xx, Number.isFinite(x.cpuUsPerRequest) ? x.cpuUsPerRequest : ""]),
  );
}

export function ratiosTable(rows: Row[], cases: BenchCase[] = CASES): string {
  const row = (c: BenchCase, mode: Mode, who: Who) => rows.find((x) => x.c === c && x.mode === mode && x.who === who);
  const find = (c: BenchCase, mode: Mode, who: Who) => row(c, mode, who)?.r.rps ?? NaN;
  const out: (string | number)[][] = [];
  const verdict = (ok: boolean, v: number) => (Number.isFinite(v) ? (ok ? "ok" : "MISS") : "n/a");
  for (const c of cases) {
    if (!c.target) continue;
    for (const mode of ["keep-alive", "per-request"] as Mode[]) {
      const l7PerRequest = c.listener === "l7" && mode === "per-request";
      const against = l7PerRequest ? "haproxy" : c.target.against;
      const want = l7PerRequest ? L7_PER_REQUEST_VS_HAPROXY : mode === "keep-alive" ? c.target.keepAlive : c.target.perRequest;
      const ratio = find(c, mode, "engine, events off") / find(c, mode, against);
      out.push([c.label, mode, `vs ${against}`, ratio, `≥ ${want}`, verdict(ratio >= want, ratio)]);
    }
  }
  // The floor the targets were set against: a bare Node proxy with none of the engine's work.
  for (const c of cases)
    for (const mode of ["keep-alive", "per-request"] as Mode[]) {
      const bare = find(c, mode, "bare node");
      if (!Number.isFinite(bare) || !c.target) continue;
      const l7PerRequest = c.listener === "l7" && mode === "per-request";
      const against = l7PerRequest ? "haproxy" : c.target.against;
      out.push([c.label, mode, `bare node vs ${against}`, bare / find(c, mode, against), "(floor)", ""]);
      out.push([c.label, mode, "engine vs bare node", find(c, mode, "engine, events off") / bare, "", ""]);
    }
  // Two readings of the event stream's cost: lost throughput (the measure, noisy on a
  // shared 2-core machine) and extra engine CPU per request (steadier: it does not depend on
  // what else the machine was doing while the request waited).
  const cpu = (c: BenchCase, mode: Mode, who: Who) => row(c, mode, who)?.cpuUsPerRequest ?? NaN;
  for (const c of cases)
    for (const mode of ["keep-alive", "per-request"] as Mode[]) {
      const off = find(c, mode, "engine, events off");
      const cost = ((off - find(c, mode, "engine, events on")) / off) * 100;
      out.push([c.label, mode, "events-on cost %, req/s", cost, "≤ 5", verdict(cost <= 5, cost)]);
      const cpuOff = cpu(c, mode, "engine, events off");
      out.push([c.label, mode, "events-on cost %, CPU/req", ((cpu(c, mode, "engine, events on") - cpuOff) / cpuOff) * 100, "", ""]);
    }
  return table(["case", "connections", "measure", "value", "target", ""], out);
}

export interface LabFigures {
  readyTls: { p50: number; p99: number };
  readyPlain: { p50: number; p99: number };
  mem: { totalRssMiB: number; rssMiB: number; perLabKiB: number; gcExposed: boolean };
  memTls: { totalRssMiB: number; rssMiB: number; perLabKiB: number };
}

export function labsTable(f: LabFigures): string {
  const ok = (v: boolean) => (v ? "ok" : "MISS");
  return table(
    ["measure", "value", "target", ""],
    [
      ["ready p50, tls.json (certificates issued), ms", f.readyTls.p50, "≤ 30", ok(f.readyTls.p50 <= 30)],
      ["ready p99, tls.json, ms", f.readyTls.p99, "≤ 100", ok(f.readyTls.p99 <= 100)],
      ["ready p50, l4-vs-l7.json, ms", f.readyPlain.p50, "≤ 30", ok(f.readyPlain.p50 <= 30)],
      ["ready p99, l4-vs-l7.json, ms", f.readyPlain.p99, "≤ 100", ok(f.readyPlain.p99 <= 100)],
      ["500 idle labs (l4-vs-l7.json): engine RSS, MiB", f.mem.totalRssMiB, "≤ 1024", ok(f.mem.totalRssMiB <= 1024)],
      ["  growth for the 500 labs, MiB (per lab KiB)", `${f.mem.rssMiB.toFixed(1)} (${f.mem.perLabKiB.toFixed(1)})`, "", ""],
      ["500 idle labs (tls.json): engine RSS, MiB", f.memTls.totalRssMiB, "≤ 1024", ok(f.memTls.totalRssMiB <= 1024)],
      ["  growth for the 500 labs, MiB (per lab KiB)", `${f.memTls.rssMiB.toFixed(1)} (${f.memTls.perLabKiB.toFixed(1)})`, "", ""],
    ],
  );
}
