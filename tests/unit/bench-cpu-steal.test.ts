// The benchmark's steal figure (bench/lib/cpu-steal.ts): /proc/stat's machine-wide line read, and
// the share of CPU time the hypervisor took between two readings.
import { describe, expect, it } from "vitest";
import { parseCpuTimes, readCpuTimes, stealPercent } from "../../bench/lib/cpu-steal";

const STAT = (steal: number, idle: number) =>
  `cpu  1000 10 500 ${idle} 20 0 30 ${steal} 400 0\ncpu0 500 5 250 100 10 0 15 0 0 0\nintr 12345\n`;

describe("the benchmark's CPU steal figure", () => {
  it("reads steal and the total of the first eight fields (guest time is in user already)", () => {
    expect(parseCpuTimes(STAT(40, 8000))).toEqual({ steal: 40, total: 1000 + 10 + 500 + 8000 + 20 + 0 + 30 + 40 });
  });

  it("gives steal as a share of the CPU time between two readings", () => {
    // 200 more ticks of steal in 1,000 more ticks overall.
    expect(stealPercent(parseCpuTimes(STAT(40, 8000)), parseCpuTimes(STAT(240, 8800)))).toBeCloseTo(20, 10);
  });

  it("says nothing rather than something wrong for a missing or malformed reading", () => {
    expect(parseCpuTimes("intr 1\n")).toBeNull();
    expect(parseCpuTimes("cpu  1 2 three 4 5 6 7 8\n")).toBeNull();
    expect(parseCpuTimes("cpu  1 2 3\n")).toBeNull();
    expect(stealPercent(null, parseCpuTimes(STAT(0, 1)))).toBeNull();
    const same = parseCpuTimes(STAT(0, 1));
    expect(stealPercent(same, same)).toBeNull();
  });

  it("reads this machine's /proc/stat where there is one", () => {
    const now = readCpuTimes();
    if (now === null) return; // not Linux: the benchmark prints no steal figure
    expect(now.total).toBeGreaterThan(0);
    expect(now.steal).toBeGreaterThanOrEqual(0);
  });
});
