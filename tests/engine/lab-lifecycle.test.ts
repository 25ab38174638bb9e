// Labs as a whole: 200 created and deleted leave no listening socket, socket or timer behind;
// listener endpoints bind in dependency order (tiered L4 → L7); idle labs are reclaimed;
// a failed build closes what it opened; limits hold.
import { afterEach, describe, expect, it } from "vitest";
import { labSpecSchema, trafficSpecSchema, type LabSpecInput } from "../../engine/api/schema";
import { bindOrder } from "../../engine/lab/bind-order";
import { LabManager } from "../../engine/lab/lab-manager";
import { activeResources, loadExample, waitFor } from "./core-helpers";
import { startApi } from "./api-helpers";
import { SandboxHost } from "../../engine/sandbox/sandbox-host";

const count = (list: string[]) => {
  const c: Record<string, number> = {};
  for (const r of list) c[r] = (c[r] ?? 0) + 1;
  return c;
};

const everything: LabSpecInput = {
  endpoints: [{ name: "a" }, { name: "b", tls: true }, { name: "echo", kind: "tcp-echo" }, { name: "front", kind: "listener", listener: "web" }],
  clusters: [
    { name: "web-pool", endpoints: ["a"], healthCheck: { type: "http", intervalMs: 100 } },
    { name: "tls-pool", endpoints: ["b"], healthCheck: { type: "tcp", intervalMs: 100 } },
    { name: "raw", endpoints: ["echo"] },
    { name: "tier", endpoints: ["front"] },
  ],
  listeners: [
    { name: "edge", layer: "l4", cluster: "tier", proxyProtocol: false },
    { name: "web", layer: "l7", routes: [{ cluster: "web-pool" }] },
    { name: "tls", layer: "l4", tls: "passthrough", cluster: "tls-pool", sniRoutes: [{ serverName: "b.endpoints.lab", cluster: "tls-pool" }] },
    { name: "raw", layer: "l4", cluster: "raw" },
  ],
};

let manager: LabManager | null = null;
afterEach(async () => {
  await manager?.closeAll();
  manager = null;
  await settle();
});

/** Closed handles leave libuv's list one loop turn after their close callbacks ran. */
const settle = () => new Promise((r) => setTimeout(r, 30));

const watched = ["TCPServerWrap", "TCPSocketWrap", "Timeout", "TLSWrap"];
const snapshot = () => {
  const all = activeResources();
  return Object.fromEntries(watched.map((k) => [k, all[k] ?? 0]));
};

describe("lab lifecycle", () => {
  it("binds listener endpoints after the listeners they name", () => {
    const order = bindOrder(labSpecSchema.parse(everything)).map((l) => l.name);
    expect(order.indexOf("web")).toBeLessThan(order.indexOf("edge"));
  });

  it("routes through a tiered lab: L4 edge → listener endpoint → L7 → endpoint", async () => {
    manager = new LabManager();
    const lab = await manager.create(labSpecSchema.parse(everything), null);
    const r = await lab.runTraffic(trafficSpecSchema.parse({ listener: "edge", requests: 3 }));
    expect(r.summary).toMatchObject({ ok: 3, byEndpoint: { a: 3 } });
    expect(lab.created().clusters.find((c) => c.name === "tier")!.endpoints[0]!.port).toBe(lab.listener("web")!.port);
  });

  it("creates and deletes 200 labs through the API leaving no listening socket, socket or timer", async () => {
    const api = await startApi({ labsTotal: 500 });
    try {
      const warm = (await api.call("POST", "/v1/labs", { body: everything })).json;
      await api.call("POST", `/v1/labs/${warm.id}/traffic`, { body: { listener: "edge", requests: 2 } });
      await api.call("DELETE", `/v1/labs/${warm.id}`);
      await settle();
      const before = snapshot();
      const host = await SandboxHost.shared();
      const workerBefore = count(await host.resources());

      for (let batch = 0; batch < 20; batch++) {
        const created = await Promise.all(Array.from({ length: 10 }, () => api.call("POST", "/v1/labs", { body: everything })));
        expect(created.map((c) => c.status)).toEqual(Array(10).fill(201));
        const first = created[0]!.json.id;
        const r = await api.call("POST", `/v1/labs/${first}/traffic`, { body: { listener: "raw", protocol: "tcp", requests: 2 } });
        expect(r.json.summary.ok).toBe(2);
        const deleted = await Promise.all(created.map((c) => api.call("DELETE", `/v1/labs/${c.json.id}`)));
        expect(deleted.map((d) => d.status)).toEqual(Array(10).fill(204));
      }
      expect(api.manager.size).toBe(0);
      const after = await waitFor(
        () => {
          const now = snapshot();
          return watched.every((k) => now[k]! <= before[k]!) ? now : null;
        },
        5000,
        "handles to be released",
      ).catch(() => snapshot());
      for (const k of watched) expect(after[k], k).toBeLessThanOrEqual(before[k]!);
      // The endpoints ran on the sandbox thread: nothing may be left there either.
      let workerAfter = count(await host.resources());
      for (let i = 0; i < 50 && watched.some((k) => (workerAfter[k] ?? 0) > (workerBefore[k] ?? 0)); i++) {
        await settle();
        workerAfter = count(await host.resources());
      }
      for (const k of watched) expect(workerAfter[k] ?? 0, `sandbox ${k}`).toBeLessThanOrEqual(workerBefore[k] ?? 0);
    } finally {
      await api.close();
    }
  }, 60_000);

  it("runs endpoints inline on the main thread when asked", async () => {
    manager = new LabManager({ sandbox: "inline" });
    const lab = await manager.create(labSpecSchema.parse(everything), null);
    const r = await lab.runTraffic(trafficSpecSchema.parse({ listener: "edge", requests: 2 }));
    expect(r.summary.ok).toBe(2);
    await lab.applyFault({ endpoint: "a", action: "error", status: 500 });
    expect((await lab.state()).endpointStats.a).toMatchObject({ fault: { mode: "error" }, requests: expect.any(Number) });
  });

  it("reclaims idle labs", async () => {
    manager = new LabManager({ idleMs: 150, sweepMs: 50 });
    const lab = await manager.create(labSpecSchema.parse(loadExample("l4-vs-l7.json")), "ann");
    // (An SSE subscriber would count as activity, so poll instead of subscribing.)
    // The manager forgets the lab at once and closes it in the background: wait for the close.
    const deleted = await waitFor(() => lab.events.since(0).find((e) => e.type === "lab.deleted"), 5000, "idle reclaim");
    expect(deleted).toMatchObject({ type: "lab.deleted", reason: "idle" });
    expect(lab.events.since(0).at(-1)).toBe(deleted);
    expect(manager.size).toBe(0);
    expect(() => manager!.get(lab.id)).toThrow(/no lab/);
  });

  it("counts creations in progress against the limits", async () => {
    manager = new LabManager({ labsTotal: 3, labsPerOwner: 2 });
    const spec = labSpecSchema.parse(loadExample("l4-vs-l7.json"));
    const results = await Promise.allSettled([manager.create(spec, "x"), manager.create(spec, "x"), manager.create(spec, "x"), manager.create(spec, "y"), manager.create(spec, "z")]);
    const codes = results.map((r) => (r.status === "fulfilled" ? "ok" : (r.reason as { code: string }).code));
    expect(codes).toEqual(["ok", "ok", "lab_limit_owner", "ok", "lab_limit_total"]);
  });

  it("closes everything a failed build opened", async () => {
    manager = new LabManager();
    await settle();
    const before = snapshot();
    const bad = labSpecSchema.parse({ ...everything, endpoints: [...(everything.endpoints as object[]).slice(0, 3), { name: "front", kind: "listener", listener: "web", fault: { mode: "down" } }] } as LabSpecInput);
    await expect(manager.create(bad, null)).rejects.toMatchObject({ code: "invalid_spec", status: 400 });
    expect(manager.size).toBe(0);
    await settle();
    const after = snapshot();
    for (const k of watched) expect(after[k], k).toBeLessThanOrEqual(before[k]!);
  });
});
