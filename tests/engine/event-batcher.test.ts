// The sandbox thread's event batcher: each lab's endpoints get a budget of events per second, the
// rest are counted and reported, kept events leave in one message per loop turn, and a lab whose
// bus drops data-plane events gets none built at all.
import { describe, expect, it } from "vitest";
import type { LabEventInput } from "../../engine/api/schema";
import { EventBatcher } from "../../engine/sandbox/worker/event-batcher";
import type { HostReply } from "../../engine/sandbox/worker/protocol";
import { waitFor } from "./core-helpers";

const request = (n: number): LabEventInput => ({
  type: "endpoint.request",
  endpoint: "e",
  connectionId: `k${n}`,
  method: "GET",
  path: "/",
  peer: { address: "127.0.0.1", port: 1 },
  encrypted: false,
  headers: {},
  proxyProtocol: null,
});

const turn = () => new Promise((r) => setImmediate(r));

describe("sandbox event batcher", () => {
  it("keeps each lab's budget per second, counts the rest, and reports them apart per lab", async () => {
    const posted: Extract<HostReply, { kind: "events" }>[] = [];
    const batcher = new EventBatcher((m) => void posted.push(m as never), 3);
    const a = batcher.sinkFor("lab_a", true);
    const b = batcher.sinkFor("lab_b", true);
    const keptA = [];
    for (let i = 0; i < 5; i++)
      if (a.wants("endpoint.request")) {
        a.emit(request(i));
        keptA.push(i);
      }
    expect(keptA).toEqual([0, 1, 2]);
    expect(b.wants("endpoint.request")).toBe(true); // another lab's budget is its own
    b.emit(request(9));
    await turn();
    expect(posted).toHaveLength(1); // one message for the whole turn
    expect(posted[0]!.batch.map((x) => x.labId)).toEqual(["lab_a", "lab_a", "lab_a", "lab_b"]);
    // The drop count follows within half a second, on its own.
    const t0 = Date.now();
    const report = await waitFor(() => posted.find((m) => m.dropped["lab_a"]), 2000, "lab_a's drop count");
    expect(report.dropped).toEqual({ lab_a: 2 });
    // A second later the budget is back.
    await new Promise((r) => setTimeout(r, 1000 - (Date.now() - t0) + 50));
    expect(a.wants("endpoint.request")).toBe(true);
  });

  it("sends an idle lab's event at once, and under load at most one message per flush gap", async () => {
    const posted: Extract<HostReply, { kind: "events" }>[] = [];
    // A gap far longer than the default 25 ms, so a stalled test machine cannot outlast it.
    const batcher = new EventBatcher((m) => void posted.push(m as never), 100, 300);
    const sink = batcher.sinkFor("lab_a", true);
    sink.emit(request(1));
    await turn();
    expect(posted).toHaveLength(1); // idle: the next turn of the loop
    sink.emit(request(2));
    await turn();
    sink.emit(request(3));
    await turn();
    expect(posted).toHaveLength(1); // the two wait for the gap to pass...
    await waitFor(() => posted[1], 1000, "the second batch");
    expect(posted[1]!.batch.map((x) => x.event.type === "endpoint.request" && x.event.connectionId)).toEqual(["k2", "k3"]); // ...and travel together
  });

  it("builds nothing for a lab whose bus drops data-plane events, and never forwards fault.change", async () => {
    const posted: HostReply[] = [];
    const batcher = new EventBatcher((m) => void posted.push(m), 3);
    const off = batcher.sinkFor("lab_off", false);
    expect(off.wants("endpoint.request")).toBe(false);
    const on = batcher.sinkFor("lab_on", true);
    expect(on.wants("fault.change")).toBe(false);
    on.emit({ type: "fault.change", endpoint: "e", fault: { mode: "up", status: 500, latencyMs: 0 } });
    await turn();
    expect(posted).toHaveLength(0);
  });

  it("switches every sink of a lab at once when the lab's data plane is turned off and on", () => {
    const batcher = new EventBatcher(() => {}, 100);
    const first = batcher.sinkFor("lab_a", true);
    const second = batcher.sinkFor("lab_a", true);
    const other = batcher.sinkFor("lab_b", true);
    batcher.setDataPlane("lab_a", false);
    expect([first.wants("endpoint.request"), second.wants("endpoint.request"), other.wants("endpoint.request")]).toEqual([false, false, true]);
    batcher.setDataPlane("lab_a", true);
    expect(first.wants("endpoint.request")).toBe(true);
    // A lab forgotten and started again starts from what its new endpoints are told.
    batcher.forget("lab_a");
    expect(batcher.sinkFor("lab_a", false).wants("endpoint.request")).toBe(false);
  });

  it("stops a lab's budget window while its data plane is off: switching back on finds no fresh budget", async () => {
    const batcher = new EventBatcher(() => {}, 3);
    const sink = batcher.sinkFor("lab_a", true);
    const kept = () => Array.from({ length: 5 }, () => sink.wants("endpoint.request")).filter(Boolean).length;
    expect(kept()).toBe(3);
    batcher.setDataPlane("lab_a", false);
    await new Promise((r) => setTimeout(r, 1100)); // longer than the one-second window
    batcher.setDataPlane("lab_a", true);
    expect(kept()).toBe(0);
    await new Promise((r) => setTimeout(r, 1050));
    expect(kept()).toBe(3);
  });
});
