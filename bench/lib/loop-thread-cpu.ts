// CPU time of the thread that runs a proxy's event loop, from /proc: the main thread of the
// engine and of a bare Node proxy, nginx's worker process, HAProxy's process (one thread).
// Why: the engine's process total also holds the sandbox endpoints' thread, so it cannot be set
// beside nginx's; and when a ratio misses, the first question is whether the proxy itself spends
// more per request or the machine shared its two cores differently. One thread's CPU per request
// answers that in every run.
// V8's helper threads (concurrent GC) are not in a Node main thread's figure; the engine's
// process column still counts them.
import { spawnSync } from "node:child_process";
import fs from "node:fs";

let ticksPerSecond: number | undefined;

/** USER_HZ, the unit of /proc's CPU times: 100 on every Linux in practice, asked once to be sure. */
function clockTicksPerSecond(): number {
  if (ticksPerSecond === undefined) {
    const n = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout?.trim());
    ticksPerSecond = Number.isFinite(n) && n > 0 ? n : 100;
  }
  return ticksPerSecond;
}

/**
 * The fields of a /proc stat line from field 3 (state) on. The command name (field 2) is in
 * parentheses and may hold spaces and parentheses itself, so counting starts after its last ")".
 */
function fieldsAfterName(stat: string): string[] {
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
}

/** utime + stime (fields 14 and 15) of a /proc stat line, in clock ticks; null if malformed. */
export function parseStatCpuTicks(stat: string): number | null {
  const rest = fieldsAfterName(stat);
  const utime = Number(rest[11]);
  const stime = Number(rest[12]);
  return Number.isInteger(utime) && Number.isInteger(stime) ? utime + stime : null;
}

/** CPU µs the main thread of `pid` has used so far; null where /proc cannot tell (gone, not Linux). */
export function mainThreadCpuMicros(pid: number): number | null {
  try {
    const ticks = parseStatCpuTicks(fs.readFileSync(`/proc/${pid}/task/${pid}/stat`, "utf8"));
    return ticks === null ? null : (ticks * 1e6) / clockTicksPerSecond();
  } catch {
    return null;
  }
}

/** The processes whose parent is `pid` (e.g. nginx's workers under its master). */
export function childPids(pid: number): number[] {
  let entries: string[];
  try {
    entries = fs.readdirSync("/proc").filter((e) => /^\d+$/.test(e));
  } catch {
    return [];
  }
  const children: number[] = [];
  for (const e of entries) {
    try {
      const ppid = Number(fieldsAfterName(fs.readFileSync(`/proc/${e}/stat`, "utf8"))[1]);
      if (ppid === pid) children.push(Number(e));
    } catch {
      // It exited while we looked.
    }
  }
  return children;
}
