// A live lab's per-connection and per-request events switched off and on again: the proxies stop
// and resume emitting, and so do the endpoints on the sandbox thread, while control-plane events
// keep flowing. (The benchmark measures "events on" against "events off" on one lab this way.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Lab } from "../../engine/lab/lab";
import { recordEvents, request, startLab } from "./core-helpers";

let lab: Lab;
beforeAll(async () => {
  lab = await startLab({
    endpoints: [{ name: "web" }],
    clusters: [{ name: "web", endpoints: ["web"] }],
    listeners: [
      { name: "edge", layer: "l7", routes: [{ cluster: "web" }] },
      { name: "tcp", layer: "l4", cluster: "web" },
    ],
  });
});
afterAll(async () => {
  await lab.close("request");
});

/** One request through each listener; the types of the events it produced. */
async function trafficTypes(rec: ReturnType<typeof recordEvents>): Promise<Set<string>> {
  const from = rec.events.length;
  const ports = lab.ports().listeners;
  expect((await request(ports.edge!)).status).toBe(200);
  expect((await request(ports.tcp!)).status).toBe(200);
  // Endpoint events come from the sandbox thread in a message of their own: give them a moment.
  await new Promise((r) => setTimeout(r, 150));
  return new Set(rec.events.slice(from).map((e) => e.type));
}

describe("switching a lab's data-plane events", () => {
  it("stops the proxies' and the endpoints' events, keeps control-plane ones, and resumes them", async () => {
    const rec = recordEvents(lab);
    try {
      const on = await trafficTypes(rec);
      for (const t of ["downstream.connect", "http.request", "lb.pick", "upstream.connect", "endpoint.request", "downstream.close"]) expect(on).toContain(t);

      await lab.setDataPlaneEvents(false);
      expect(lab.events.dataPlaneOn).toBe(false);
      expect([...(await trafficTypes(rec))]).toEqual([]);
      await lab.applyFault({ endpoint: "web", action: "latency", latencyMs: 1 });
      expect(rec.events.at(-1)).toMatchObject({ type: "fault.change", endpoint: "web" });

      await lab.setDataPlaneEvents(true);
      const again = await trafficTypes(rec);
      expect(again).toContain("http.request");
      expect(again).toContain("endpoint.request");
    } finally {
      rec.stop();
    }
  });
});
