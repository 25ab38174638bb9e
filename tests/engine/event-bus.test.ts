// The event bus: monotonic ids, the bounded replay buffer, sampling under load with an
// `events.sampled` report, control-plane events that always pass, and close().
import { describe, expect, it } from "vitest";
import type { LabEvent } from "../../engine/api/schema";
import { EventBus } from "../../engine/events/event-bus";
import { RingBuffer } from "../../engine/events/ring-buffer";
import { toSseFrame } from "../../engine/events/serialize";
import { waitFor } from "./core-helpers";

const pick = (i: number) => ({
  type: "lb.pick" as const,
  listener: "l",
  connectionId: `c${i}`,
  requestId: null,
  cluster: "k",
  endpoint: "e",
  reason: { kind: "policy" as const, policy: "round-robin" as const, detail: "" },
});

describe("event bus", () => {
  it("stamps monotonic ids, the lab id and a time; serializes one SSE frame per event", () => {
    const bus = new EventBus("lab_x");
    const seen: LabEvent[] = [];
    const frames: string[] = [];
    bus.subscribe({ onEvent: (e, f) => (seen.push(e), frames.push(f)), onClose() {} });
    for (let i = 0; i < 3; i++) bus.emit(pick(i));
    expect(seen.map((e) => e.id)).toEqual([1, 2, 3]);
    expect(seen[0]).toMatchObject({ labId: "lab_x", type: "lb.pick" });
    expect(frames[1]).toBe(toSseFrame(seen[1]!));
    expect(frames[1]).toMatch(/^id: 2\ndata: \{.*\}\n\n$/);
    bus.close("request");
  });

  it("keeps a bounded replay buffer", () => {
    const ring = new RingBuffer<{ id: number }>(5);
    for (let id = 1; id <= 8; id++) ring.push({ id });
    expect(ring.length).toBe(5);
    expect(ring.oldestId()).toBe(4);
    expect(ring.since(0).map((e) => e.id)).toEqual([4, 5, 6, 7, 8]);
    expect(ring.since(6).map((e) => e.id)).toEqual([7, 8]);
    const bus = new EventBus("lab_x", { bufferSize: 3 });
    for (let i = 0; i < 10; i++) bus.emit(pick(i));
    expect(bus.since(0).map((e) => e.id)).toEqual([8, 9, 10]);
    bus.close("request");
  });

  it("samples data-plane events over budget, keeps control-plane ones, and reports the drops", async () => {
    const bus = new EventBus("lab_x", { budget: 10, windowMs: 150, exemplarsPerType: 5 });
    let kept = 0;
    for (let i = 0; i < 100; i++) {
      if (!bus.wants("lb.pick")) continue;
      bus.emit(pick(i));
      kept++;
    }
    // The budget, then exemplars at most every 30 ms (150 / 5): the loop takes far less, so one
    // (two if the machine stalled past 30 ms mid-loop).
    expect(kept).toBeGreaterThanOrEqual(11);
    expect(kept).toBeLessThanOrEqual(12);
    expect(bus.wants("health.change")).toBe(true); // control plane always passes
    bus.emit({ type: "fault.change", endpoint: "e", fault: { mode: "up", status: 500, latencyMs: 0 } });
    const report = await waitFor(() => bus.since(0).find((e) => e.type === "events.sampled"), 2000, "events.sampled");
    expect(report).toMatchObject({ dropped: 100 - kept, byType: { "lb.pick": 100 - kept } });
    expect(bus.wants("lb.pick")).toBe(true); // a new window starts under budget
    bus.close("request");
  });

  it("keeps every event again once a burst is over and the window has passed", async () => {
    const bus = new EventBus("lab_x", { budget: 10, windowMs: 100, exemplarsPerType: 1 });
    for (let i = 0; i < 200; i++) if (bus.wants("lb.pick")) bus.emit(pick(i));
    expect(bus.wants("lb.pick")).toBe(false); // still the burst's window
    await new Promise((r) => setTimeout(r, 250));
    // A learner's next few requests after a load test: all seen, none lost to the burst's state.
    const kept = Array.from({ length: 10 }, (_, i) => bus.wants("lb.pick") && (bus.emit(pick(i)), true));
    expect(kept.every(Boolean)).toBe(true);
    bus.close("request");
  });

  it("caps producers that never ask wants() at twice the budget per window", () => {
    const bus = new EventBus("lab_x", { budget: 10, windowMs: 60_000 });
    for (let i = 0; i < 100; i++) bus.emit(pick(i));
    expect(bus.since(0)).toHaveLength(20);
    bus.close("request");
    expect(bus.since(0).at(-2)).toMatchObject({ type: "events.sampled", dropped: 80 });
  });

  it("turns the data plane off entirely when asked (the benchmark's 'events off')", () => {
    const bus = new EventBus("lab_x", { dataPlane: false });
    expect(bus.wants("lb.pick")).toBe(false);
    bus.emit(pick(1));
    bus.emit({ type: "traffic.end", runId: "r", ok: 1, failed: 0, durationMs: 1, stopped: null });
    expect(bus.since(0).map((e) => e.type)).toEqual(["traffic.end"]);
    bus.setDataPlane(true);
    expect(bus.wants("lb.pick")).toBe(true);
    bus.emit(pick(2));
    expect(bus.since(0).map((e) => e.type)).toEqual(["traffic.end", "lb.pick"]);
    bus.close("request");
  });

  it("stops the sampling window's clock while the data plane is off, so switching back on finds no fresh budget", async () => {
    const bus = new EventBus("lab_x", { budget: 10, windowMs: 500, exemplarsPerType: 1 });
    const burst = () => Array.from({ length: 100 }, (_, i) => bus.wants("lb.pick") && (bus.emit(pick(i)), true)).filter(Boolean).length;
    expect(burst()).toBe(11); // the budget and one exemplar
    bus.setDataPlane(false);
    await new Promise((r) => setTimeout(r, 700)); // longer than the window
    expect(bus.since(0).some((e) => e.type === "events.sampled")).toBe(false); // no window ended while off
    bus.setDataPlane(true);
    // Well under 500 ms of events-on time has passed: the same window, budget and exemplar spent.
    expect(burst()).toBe(0);
    const report = await waitFor(() => bus.since(0).find((e) => e.type === "events.sampled"), 2000, "events.sampled");
    expect(report).toMatchObject({ dropped: 189, byType: { "lb.pick": 189 } });
    expect(bus.wants("lb.pick")).toBe(true); // the next window's budget
    bus.close("request");
  });

  it("close() emits lab.deleted, ends subscribers and stops accepting", () => {
    const bus = new EventBus("lab_x");
    const got: string[] = [];
    let closed = false;
    bus.subscribe({ onEvent: (e) => got.push(e.type), onClose: () => (closed = true) });
    bus.close("idle");
    expect(got).toEqual(["lab.deleted"]);
    expect(closed).toBe(true);
    expect(bus.wants("health.change")).toBe(false);
    bus.emit(pick(1));
    expect(bus.lastId()).toBe(1);
  });
});
