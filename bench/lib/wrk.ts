// Runs wrk (Debian's wrk 4.1) against a loopback URL and parses its --latency report.
import { spawn, spawnSync } from "node:child_process";

export interface WrkResult {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  errors: number;
  non2xx: number;
}

export interface WrkRun {
  url: string;
  seconds: number;
  connections: number;
  /** false: `Connection: close` on every request, so each request pays a new connection (and handshake). */
  keepAlive: boolean;
  headers?: Record<string, string>;
}

export const hasWrk = (): boolean => spawnSync("wrk", ["--version"]).error === undefined;

function toMs(v: string): number {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(v.trim());
  if (!m) return NaN;
  const n = Number(m[1]);
  return m[2] === "us" ? n / 1000 : m[2] === "ms" ? n : m[2] === "s" ? n * 1000 : n * 60_000;
}

export function parseWrk(out: string): WrkResult {
  const pct = (p: string) => toMs(new RegExp(`^\\s*${p}%\\s+(\\S+)`, "m").exec(out)?.[1] ?? "NaN");
  const sock = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  return {
    rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN),
    p50Ms: pct("50"),
    p99Ms: pct("99"),
    requests: Number(/(\d+) requests in/.exec(out)?.[1] ?? 0),
    // Read errors are how wrk counts servers closing after `Connection: close`; not failures.
    errors: sock ? Number(sock[1]) + Number(sock[3]) + Number(sock[4]) : 0,
    non2xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0),
  };
}

function wrkArgs(run: WrkRun): string[] {
  const args = ["-t1", `-c${run.connections}`, `-d${run.seconds}s`, "--latency", "--timeout", "5s"];
  for (const [k, v] of Object.entries({ ...(run.keepAlive ? {} : { Connection: "close" }), ...run.headers })) args.push("-H", `${k}: ${v}`);
  args.push(run.url);
  return args;
}

/**
 * wrk as steady background load for a measurement taken elsewhere (its report is not read):
 * runs until stop(), or for `seconds` at most, so a harness that dies leaves no load behind.
 */
export function startWrkLoad(run: WrkRun): { stop(): Promise<void> } {
  const p = spawn("wrk", wrkArgs(run), { stdio: "ignore" });
  const exited = new Promise<void>((resolve) => {
    p.once("close", () => resolve());
    p.once("error", () => resolve());
  });
  return {
    stop: () => {
      if (p.exitCode === null && p.signalCode === null) p.kill("SIGTERM");
      return exited;
    },
  };
}

export function runWrk(run: WrkRun): Promise<WrkResult> {
  const args = wrkArgs(run);
  return new Promise((resolve, reject) => {
    const p = spawn("wrk", args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    p.stdout.on("data", (d) => (out += d));
    p.stderr.on("data", (d) => (out += d));
    p.on("error", reject);
    p.on("close", () => resolve(parseWrk(out)));
  });
}
