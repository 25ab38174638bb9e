import { describe, expect, it } from "vitest";
import { labSpecSchema } from "@/engine/api/schema";
import { latencyHistogram, percentiles } from "@/lib/labs/histogram";
import { buildTopology, layoutPositions } from "@/lib/labs/topology";

const spec = (raw: unknown) => labSpecSchema.parse(raw);

describe("the diagram topology", () => {
  const tls = spec({
    endpoints: [{ name: "web-1" }, { name: "shop-tls", tls: true }, { name: "pay-1", tls: true }],
    clusters: [{ name: "web", endpoints: ["web-1"] }, { name: "shop", endpoints: ["shop-tls"] }, { name: "pay", endpoints: ["pay-1"] }],
    listeners: [
      { name: "term", layer: "l7", tls: "terminate", routes: [{ cluster: "web" }] },
      { name: "pass", layer: "l4", tls: "passthrough", cluster: "shop" },
      { name: "re", layer: "l7", tls: "reencrypt", routes: [{ match: { pathPrefix: "/pay" }, cluster: "pay" }] },
    ],
  });

  it("marks encrypted hops and where TLS ends", () => {
    const { nodes, edges } = buildTopology(tls);
    const enc = (id: string) => edges.find((e) => e.id === id)?.encrypted;
    expect(enc("client->listener:term")).toBe(true);
    expect(enc("listener:term->cluster:web")).toBe(false);
    expect(enc("cluster:web->endpoint:web-1")).toBe(false);
    expect(enc("client->listener:pass")).toBe(true);
    expect(enc("listener:pass->cluster:shop")).toBe(true);
    expect(enc("cluster:shop->endpoint:shop-tls")).toBe(true);
    expect(enc("listener:re->cluster:pay")).toBe(false);
    expect(enc("cluster:pay->endpoint:pay-1")).toBe(true);
    const node = (id: string) => nodes.find((n) => n.id === id);
    expect(node("listener:term")).toMatchObject({ tlsEnds: "here" });
    expect(node("listener:pass")).toMatchObject({ tlsEnds: null });
    expect(node("listener:re")).toMatchObject({ tlsEnds: "here-reencrypt" });
    expect(node("endpoint:shop-tls")).toMatchObject({ tlsEnds: true });
    expect(edges.find((e) => e.id === "listener:re->cluster:pay")?.label).toBe("path /pay*");
  });

  it("draws a listener endpoint as a second tier instead of an endpoint node", () => {
    const tiers = spec({
      endpoints: [{ name: "api-1" }, { name: "to-a", kind: "listener", listener: "l7-a" }],
      clusters: [{ name: "proxies", endpoints: ["to-a"] }, { name: "api", endpoints: ["api-1"] }],
      listeners: [
        { name: "edge", layer: "l4", cluster: "proxies" },
        { name: "l7-a", layer: "l7", routes: [{ cluster: "api" }] },
      ],
    });
    const { nodes, edges } = buildTopology(tiers);
    expect(nodes.map((n) => n.id)).not.toContain("endpoint:to-a");
    expect(edges.map((e) => e.id)).toEqual(expect.arrayContaining(["client->listener:edge", "cluster:proxies->listener:l7-a", "listener:l7-a->cluster:api", "cluster:api->endpoint:api-1"]));
    expect(edges.map((e) => e.id)).not.toContain("client->listener:l7-a");
    const col = (id: string) => nodes.find((n) => n.id === id)?.col;
    expect([col("client"), col("listener:edge"), col("cluster:proxies"), col("listener:l7-a"), col("cluster:api"), col("endpoint:api-1")]).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("lays tiers out left to right, or top to bottom on phones", () => {
    const { nodes } = buildTopology(tls);
    const h = layoutPositions(nodes);
    const v = layoutPositions(nodes, { along: 170, across: 210 }, true);
    expect(h.get("endpoint:web-1")!.x).toBeGreaterThan(h.get("client")!.x);
    expect(v.get("endpoint:web-1")!.y).toBeGreaterThan(v.get("client")!.y);
  });
});

describe("latency histogram", () => {
  it("uses nice bin widths and counts every value", () => {
    const values = [0.4, 1.2, 1.9, 2.5, 7.7, 9.99];
    const bins = latencyHistogram(values, 5);
    expect(bins.reduce((n, b) => n + b.count, 0)).toBe(values.length);
    expect(bins[0]?.label).toBe("0–2");
    expect(percentiles(values)).toEqual({ p50: 1.9, p90: 9.99, p99: 9.99 });
    expect(latencyHistogram([])).toEqual([]);
  });
});
