// The arithmetic behind the benchmark's judged "event stream cost" figure (bench/lib/alternate-events.ts):
// which windows have events on, how windows of each setting are pooled, and the bootstrap interval.
import { describe, expect, it } from "vitest";
import { eventsCost, eventsOnInWindow, type EventsWindow } from "../../bench/lib/alternate-events";

/** Windows in the benchmark's own order, each shaped by `make` from its setting and index. */
function windows(n: number, make: (on: boolean, i: number) => Omit<EventsWindow, "on">): EventsWindow[] {
  return Array.from({ length: n }, (_, i) => {
    const on = eventsOnInWindow(i);
    return { on, ...make(on, i) };
  });
}

describe("event stream cost from alternated windows", () => {
  it("orders windows off-on, on-off, … so every pair has one of each and each setting leads half the pairs", () => {
    const order = Array.from({ length: 8 }, (_, i) => (eventsOnInWindow(i) ? "on" : "off"));
    expect(order).toEqual(["off", "on", "on", "off", "off", "on", "on", "off"]);
  });

  it("reads lost req/s and extra CPU per request from the pooled windows of each setting", () => {
    // Events on: 900 requests per 200 ms window instead of 1000, and 1.2× the CPU per request.
    const w = windows(40, (on) => ({ requests: on ? 900 : 1000, cpuUs: on ? 900 * 240 : 1000 * 200, ms: 200 }));
    const cost = eventsCost(w)!;
    expect(cost.pairs).toBe(20);
    expect(cost.rps.value).toBeCloseTo(10, 6);
    expect(cost.cpu.value).toBeCloseTo(20, 6);
  });

  it("uses each window's own length, so a window cut short does not read as lost throughput", () => {
    // Same rate (5 requests per ms) both ways; the events-on windows ran shorter.
    const w = windows(20, (on) => ({ requests: on ? 500 : 1000, cpuUs: on ? 500 * 100 : 1000 * 100, ms: on ? 100 : 200 }));
    const cost = eventsCost(w)!;
    expect(cost.rps.value).toBeCloseTo(0, 6);
    expect(cost.cpu.value).toBeCloseTo(0, 6);
  });

  it("gives an interval around the estimate that narrows with more pairs, and the same interval for the same windows", () => {
    // Each window ±12% from a load that wanders, as on the shared machine; events on cost 3%.
    const noisy = (n: number) => windows(n, (on, i) => {
      const load = 1 + 0.12 * Math.sin(i * 2.39996);
      const requests = Math.round((on ? 970 : 1000) * load);
      return { requests, cpuUs: requests * 200, ms: 200 };
    });
    const few = eventsCost(noisy(40))!;
    const many = eventsCost(noisy(400))!;
    for (const c of [few, many]) {
      expect(c.rps.lo).toBeLessThan(c.rps.value);
      expect(c.rps.hi).toBeGreaterThan(c.rps.value);
    }
    expect(many.rps.hi - many.rps.lo).toBeLessThan(few.rps.hi - few.rps.lo);
    expect(Math.abs(many.rps.value - 3)).toBeLessThan(1);
    expect(eventsCost(noisy(40))).toEqual(few);
  });

  it("skips pairs in which a window served nothing, and gives null when none is left", () => {
    const w = windows(8, (_on, i) => ({ requests: i < 2 ? 0 : 1000, cpuUs: 1000, ms: 200 }));
    expect(eventsCost(w)!.pairs).toBe(3);
    expect(eventsCost(windows(4, () => ({ requests: 0, cpuUs: 0, ms: 200 })))).toBeNull();
  });
});
