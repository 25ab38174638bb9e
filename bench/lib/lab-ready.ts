// Lab creation latency (every listener and endpoint bound, certificates issued) and the memory
// of many idle labs, measured through the core's LabManager — the same path POST /v1/labs takes.
import { readFileSync } from "node:fs";
import path from "node:path";
import { labSpecSchema, type LabSpec } from "../../engine/api/schema";
import { LabManager } from "../../engine/lab/lab-manager";

export function loadExample(file: string): LabSpec {
  return labSpecSchema.parse(JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../../engine/examples", file), "utf8")));
}

export const pct = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

export async function labReadyTimes(spec: LabSpec, n: number): Promise<{ p50: number; p99: number }> {
  const mgr = new LabManager({ labsTotal: n + 1 });
  const times: number[] = [];
  try {
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      const lab = await mgr.create(spec, null);
      times.push(performance.now() - t0);
      await mgr.delete(lab.id);
    }
  } finally {
    await mgr.closeAll();
  }
  times.sort((a, b) => a - b);
  return { p50: pct(times, 50), p99: pct(times, 99) };
}

const gc = (globalThis as { gc?: () => void }).gc;
async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    gc?.();
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function idleLabMemory(spec: LabSpec, n: number): Promise<{ totalRssMiB: number; rssMiB: number; heapMiB: number; perLabKiB: number; gcExposed: boolean }> {
  const mgr = new LabManager({ labsTotal: n });
  await settle();
  const before = process.memoryUsage();
  try {
    for (let i = 0; i < n; i++) await mgr.create(spec, null);
    await settle();
    const after = process.memoryUsage();
    const rss = after.rss - before.rss;
    return { totalRssMiB: after.rss / 2 ** 20, rssMiB: rss / 2 ** 20, heapMiB: (after.heapUsed - before.heapUsed) / 2 ** 20, perLabKiB: rss / n / 1024, gcExposed: !!gc };
  } finally {
    await mgr.closeAll();
  }
}
