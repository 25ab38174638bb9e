// The control API: bearer auth (health is public), zod validation with every problem's path,
// 404/405/413, owner scoping and lab limits, traffic, faults, config export, SSE with
// Last-Event-ID replay and heartbeats, and DELETE.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect, loadExample, readAll, waitFor } from "./core-helpers";
import { openSse, startApi, TOKEN, type ApiHarness } from "./api-helpers";
import { defaultTcpTransport } from "../../engine/transport/libuv-tcp";

let api: ApiHarness;
beforeAll(async () => {
  api = await startApi({ labsTotal: 4, labsPerOwner: 2 }, { heartbeatMs: 100 });
});
afterAll(async () => {
  await api.close();
});

const small = { endpoints: [{ name: "a" }, { name: "b" }], clusters: [{ name: "pool", endpoints: ["a", "b"] }], listeners: [{ name: "tcp", layer: "l4", cluster: "pool" }] };

describe("control API", () => {
  it("needs the bearer token everywhere except GET /v1/health", async () => {
    expect((await api.call("GET", "/v1/health", { token: null })).json).toMatchObject({ ok: true, tcpTransport: defaultTcpTransport() });
    const none = await api.call("POST", "/v1/labs", { token: null, body: small });
    expect(none.status).toBe(401);
    expect(none.json.error.code).toBe("unauthorized");
    expect(none.headers["www-authenticate"]).toMatch(/^Bearer/);
    expect((await api.call("GET", "/v1/labs/lab_AAAAAAAAAAAAAAAA", { token: TOKEN.slice(0, -1) + "x" })).status).toBe(401);
    expect((await api.call("GET", "/v1/nope", { token: null })).status).toBe(401); // no route probing without a token
  });

  it("answers 404, 405 and 413 with stable codes", async () => {
    expect((await api.call("GET", "/v1/nope")).json.error.code).toBe("not_found");
    const m = await api.call("PUT", "/v1/labs");
    expect(m.status).toBe(405);
    expect(m.headers.allow).toBe("POST");
    expect((await api.call("GET", "/v1/labs/lab_AAAAAAAAAAAAAAAA")).json.error).toMatchObject({ code: "lab_not_found" });
    expect((await api.call("GET", "/v1/labs/..%2F..")).status).toBe(404);
    const big = await api.call("POST", "/v1/labs", { raw: JSON.stringify({ name: "x".repeat(300 * 1024) }) });
    expect(big.status).toBe(413);
    expect(big.json.error.code).toBe("body_too_large");
  });

  it("answers malformed HTTP with a JSON 400 and keeps serving", async () => {
    const socket = await connect(api.port);
    const reply = readAll(socket);
    socket.write("BLAH /v1/labs HTTP/9.9\r\n\x00\x01\r\n\r\n");
    const text = (await reply).toString();
    expect(text).toMatch(/^HTTP\/1\.1 400/);
    expect(JSON.parse(text.split("\r\n\r\n")[1]!).error.code).toBe("bad_request");
    expect((await api.call("GET", "/v1/health")).status).toBe(200);
  });

  it("rejects bad JSON and bad specs with every problem and its path", async () => {
    const bad = await api.call("POST", "/v1/labs", { raw: "{nope" });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe("invalid_json");
    const invalid = await api.call("POST", "/v1/labs", {
      body: { endpoints: [{ name: "A!" }], clusters: [{ name: "pool", endpoints: ["ghost"], policy: "fastest" }], listeners: [{ name: "l", layer: "l4", cluster: "nowhere" }] },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.json.error.code).toBe("invalid_request");
    const paths = invalid.json.error.problems.map((p: { path: string }) => p.path);
    expect(paths).toEqual(expect.arrayContaining(["endpoints.0.name", "clusters.0.policy"]));
    for (const p of invalid.json.error.problems) expect(p.message.length).toBeGreaterThan(3);
    const refs = await api.call("POST", "/v1/labs", { body: { ...small, listeners: [{ name: "tcp", layer: "l4", cluster: "nowhere" }] } });
    expect(refs.json.error.problems).toEqual([{ path: "listeners.0.cluster", message: 'unknown cluster "nowhere"' }]);
  });

  it("creates, inspects, drives, faults, exports and deletes a lab", async () => {
    const created = await api.call("POST", "/v1/labs", { body: loadExample("l4-vs-l7.json"), headers: { "x-layerlab-owner": "ann" } });
    expect(created.status).toBe(201);
    const lab = created.json;
    expect(lab.id).toMatch(/^lab_/);
    expect(lab.listeners).toEqual([
      { name: "edge-l7", layer: "l7", tls: "none", host: "127.0.0.1", port: expect.any(Number) },
      { name: "edge-l4", layer: "l4", tls: "none", host: "127.0.0.1", port: expect.any(Number) },
    ]);
    expect(lab.clusters[0]).toMatchObject({ name: "users", policy: "round-robin", endpoints: [{ name: "users-1", healthy: true }, { name: "users-2", healthy: true }] });
    expect(lab.caCertificate).toMatch(/BEGIN CERTIFICATE/);

    // Another owner cannot see it.
    expect((await api.call("GET", `/v1/labs/${lab.id}`, { headers: { "x-layerlab-owner": "bob" } })).status).toBe(404);

    const run = await api.call("POST", `/v1/labs/${lab.id}/traffic`, { body: { listener: "edge-l4", requests: 8, clients: 2, keepAlive: false } });
    expect(run.status).toBe(200);
    expect(run.json.summary).toMatchObject({ total: 8, ok: 8, failed: 0 });
    expect(run.json.results[0]).toMatchObject({ seq: 0, client: 0, listener: "edge-l4", status: 200, connectionId: expect.stringMatching(/^c\d+$/) });
    expect((await api.call("POST", `/v1/labs/${lab.id}/traffic`, { body: { listener: "nope" } })).json.error.code).toBe("listener_not_found");
    expect((await api.call("POST", `/v1/labs/${lab.id}/traffic`, { body: { listener: "edge-l4", requests: 99999 } })).json.error.problems[0].path).toBe("requests");

    const fault = await api.call("POST", `/v1/labs/${lab.id}/faults`, { body: { endpoint: "users-1", action: "error", status: 502 } });
    expect(fault.json).toEqual({ endpoint: "users-1", fault: { mode: "error", status: 502, latencyMs: 0 } });
    expect((await api.call("POST", `/v1/labs/${lab.id}/faults`, { body: { endpoint: "users-1", action: "explode" } })).status).toBe(400);

    const state = await api.call("GET", `/v1/labs/${lab.id}`);
    expect(state.json.listenerStats["edge-l4"]).toMatchObject({ totalConnections: 8 });
    expect(state.json.endpointStats["users-1"]).toMatchObject({ kind: "http", fault: { mode: "error", status: 502 } });

    const nginx = await api.call("GET", `/v1/labs/${lab.id}/config?format=nginx`);
    expect([200, 501]).toContain(nginx.status);
    if (nginx.status === 200) expect(nginx.body).toMatch(/upstream/);
    expect((await api.call("GET", `/v1/labs/${lab.id}/config?format=apache`)).status).toBe(400);

    expect((await api.call("DELETE", `/v1/labs/${lab.id}`)).status).toBe(204);
    expect((await api.call("GET", `/v1/labs/${lab.id}`)).status).toBe(404);
    expect((await api.call("DELETE", `/v1/labs/${lab.id}`)).status).toBe(404);
  });

  it("enforces labs per owner and in total", async () => {
    const ids: string[] = [];
    const create = (owner?: string) => api.call("POST", "/v1/labs", { body: small, headers: owner ? { "x-layerlab-owner": owner } : {} });
    for (let i = 0; i < 2; i++) ids.push((await create("carol")).json.id);
    const third = await create("carol");
    expect(third.status).toBe(429);
    expect(third.json.error.code).toBe("lab_limit_owner");
    ids.push((await create("dave")).json.id);
    ids.push((await create()).json.id);
    const over = await create("erin");
    expect(over.status).toBe(429);
    expect(over.json.error.code).toBe("lab_limit_total");
    for (const id of ids) expect((await api.call("DELETE", `/v1/labs/${id}`)).status).toBe(204);
    expect((await create("carol")).status).toBe(201);
    await api.manager.closeAll();
  });
});

describe("traffic runs and their caller", () => {
  it("stops a run whose caller hung up, so the lab's traffic is free again", async () => {
    const api = await startApi();
    try {
      const created = await api.call("POST", "/v1/labs", { body: small });
      expect(created.status).toBe(201);
      const lab = created.json;
      for (const endpoint of ["a", "b"]) await api.call("POST", `/v1/labs/${lab.id}/faults`, { body: { endpoint, action: "latency", latencyMs: 10_000 } });
      // Four requests that each wait 10 s: this run would hold the lab's traffic for 40 s.
      const body = JSON.stringify({ listener: "tcp", requests: 4, timeoutMs: 30_000 });
      const caller = http.request({ host: "127.0.0.1", port: api.port, method: "POST", path: `/v1/labs/${lab.id}/traffic`, headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" }, agent: false });
      caller.on("error", () => {});
      caller.end(body);
      // A second run is refused while the first is under way; it stops itself after 1 s if it does start.
      const probe = () => api.call("POST", `/v1/labs/${lab.id}/traffic`, { body: { listener: "tcp", requests: 1, maxRunMs: 1000 } });
      const busy = await waitFor(async () => {
        const r = await probe();
        return r.status === 409 && r;
      }, 2000, "the first run under way");
      expect(busy.json.error.code).toBe("traffic_busy");
      caller.destroy();
      const next = await waitFor(async () => {
        const r = await probe();
        return r.status !== 409 && r;
      }, 5000, "the lab's traffic free again");
      expect(next.status).toBe(200);
      expect(next.json.summary).toMatchObject({ total: 1, stopped: { code: "RUN_LIMIT" } });
    } finally {
      await api.close();
    }
  });
});

describe("SSE", () => {
  it("streams events with ids, heartbeats, replays after Last-Event-ID, and ends on DELETE", async () => {
    const api2 = await startApi({}, { heartbeatMs: 100 });
    try {
      const lab = (await api2.call("POST", "/v1/labs", { body: small })).json;
      const first = openSse(api2.port, `/v1/labs/${lab.id}/events`);
      await waitFor(() => first.status === 200, 2000, "stream open");
      await api2.call("POST", `/v1/labs/${lab.id}/traffic`, { body: { listener: "tcp", requests: 2, keepAlive: false } });
      await waitFor(() => first.events().find((f) => f.data.type === "traffic.end"), 5000, "traffic.end");
      const ids = first.events().map((f) => f.id!);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect(new Set(ids).size).toBe(ids.length);
      await waitFor(() => first.frames.find((f) => f.comment === "heartbeat"), 2000, "heartbeat");
      const lastSeen = ids[ids.length - 1]!;
      first.close();

      // Missed while disconnected.
      await api2.call("POST", `/v1/labs/${lab.id}/faults`, { body: { endpoint: "a", action: "latency", latencyMs: 5 } });
      await api2.call("POST", `/v1/labs/${lab.id}/traffic`, { body: { listener: "tcp", requests: 1, keepAlive: false } });

      const again = openSse(api2.port, `/v1/labs/${lab.id}/events`, { "last-event-id": String(lastSeen) });
      await waitFor(() => again.events().find((f) => f.data.type === "traffic.end"), 5000, "replayed traffic.end");
      const replayed = again.events();
      expect(replayed[0]!.id).toBe(lastSeen + 1);
      expect(replayed.map((f) => f.data.type)).toContain("fault.change");
      // Query-string form for clients that cannot set headers; 0 replays the whole buffer.
      const all = openSse(api2.port, `/v1/labs/${lab.id}/events?lastEventId=0`);
      await waitFor(() => all.events().length >= lastSeen, 5000, "full replay");
      expect(all.events()[0]!.id).toBe(1);
      all.close();

      await api2.call("DELETE", `/v1/labs/${lab.id}`);
      await waitFor(() => again.ended, 5000, "stream end");
      expect(again.events().at(-1)!.data).toMatchObject({ type: "lab.deleted", reason: "request" });
    } finally {
      await api2.close();
    }
  });
});
