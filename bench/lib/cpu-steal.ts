// How much CPU time the hypervisor gave to other guests while the benchmark ran ("steal" in
// /proc/stat, the `st` column of vmstat).
// Why: on a shared virtual machine the same code's req/s swings with its neighbours. One machine
// these targets were measured on showed 17% steal, and there one case's rounds ran from 9k to
// 32k req/s. A reader should see that figure before trusting a ratio.
import fs from "node:fs";

export interface CpuTimes {
  /** Clock ticks, summed over every CPU. */
  steal: number;
  total: number;
}

/** The machine-wide `cpu` line of /proc/stat; null when it is missing or not as expected. */
export function parseCpuTimes(procStat: string): CpuTimes | null {
  const line = procStat.split("\n").find((l) => l.startsWith("cpu "));
  if (!line) return null;
  // user nice system idle iowait irq softirq steal [guest guest_nice]: guest time is counted in
  // user already, so the first eight fields are the whole.
  const fields = line.trim().split(/\s+/).slice(1, 9).map(Number);
  if (fields.length < 8 || !fields.every(Number.isFinite)) return null;
  return { steal: fields[7]!, total: fields.reduce((sum, n) => sum + n, 0) };
}

/** Now, or null where there is no /proc/stat (not Linux). */
export function readCpuTimes(): CpuTimes | null {
  try {
    return parseCpuTimes(fs.readFileSync("/proc/stat", "utf8"));
  } catch {
    return null;
  }
}

/** Steal as a percentage of all CPU time between two readings; null when either is missing. */
export function stealPercent(from: CpuTimes | null, to: CpuTimes | null): number | null {
  if (!from || !to || to.total <= from.total) return null;
  return ((to.steal - from.steal) / (to.total - from.total)) * 100;
}
