// The benchmark's per-thread CPU figure (bench/lib/loop-thread-cpu.ts): one thread's CPU time from
// /proc, and the worker processes under a parent (how it finds nginx's worker).
import { spawn } from "node:child_process";
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { childPids, mainThreadCpuMicros, parseStatCpuTicks } from "../../bench/lib/loop-thread-cpu";

// pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime …
const STAT = (comm: string, utime: number, stime: number) => `4242 (${comm}) S 1 4242 4242 0 -1 4194560 100 0 0 0 ${utime} ${stime} 0 0 20 0 1 0 5 0 0`;
const onLinux = fs.existsSync("/proc/self/stat");

describe("the benchmark's loop-thread CPU figure", () => {
  it("adds utime and stime, counting fields from the end of the command name", () => {
    expect(parseStatCpuTicks(STAT("node", 120, 30))).toBe(150);
    // A command name with spaces and parentheses must not shift the fields.
    expect(parseStatCpuTicks(STAT("nginx: worker (x) y", 7, 5))).toBe(12);
  });

  it("says nothing rather than something wrong for a malformed line", () => {
    expect(parseStatCpuTicks("4242 (node) S 1")).toBeNull();
    expect(parseStatCpuTicks(STAT("node", Number.NaN, 3))).toBeNull();
    expect(mainThreadCpuMicros(2 ** 31 - 1)).toBeNull(); // no such process
  });

  it.skipIf(!onLinux)("sees this thread's CPU time grow while it works", () => {
    const before = mainThreadCpuMicros(process.pid)!;
    const until = performance.now() + 200;
    let spins = 0;
    while (performance.now() < until) spins++;
    const after = mainThreadCpuMicros(process.pid)!;
    expect(spins).toBeGreaterThan(0);
    // 200 ms of spinning, counted in 10 ms ticks; on a busy machine the scheduler may take much
    // of it, so only growth is required.
    expect(after).toBeGreaterThan(before);
  });

  it.skipIf(!onLinux)("finds a child process under its parent", async () => {
    const child = spawn("sleep", ["5"], { stdio: "ignore" });
    try {
      await new Promise((resolve) => child.once("spawn", resolve));
      expect(childPids(process.pid)).toContain(child.pid);
      expect(childPids(child.pid!)).toEqual([]);
    } finally {
      child.kill("SIGKILL");
    }
  });
});
