// The shipped example specs (engine/examples/) parse, build, and show what they are for.
import { describe, expect, it } from "vitest";
import { labSpecSchema, trafficSpecSchema } from "../../engine/api/schema";
import { loadExample, startLab } from "./core-helpers";

describe("example specs", () => {
  it.each(["l4-vs-l7.json", "tls.json", "sticky.json", "health.json"])("%s is a valid lab spec", (file) => {
    expect(labSpecSchema.safeParse(loadExample(file)).success).toBe(true);
  });

  it("l4-vs-l7.json: the L7 listener routes by path, the L4 listener is blind to it", async () => {
    const lab = await startLab(loadExample("l4-vs-l7.json"));
    try {
      const paths = ["/api/users/1", "/api/orders/7"];
      const l7 = await lab.runTraffic(trafficSpecSchema.parse({ listener: "edge-l7", requests: 8, paths }));
      for (const r of l7.results) expect(r.endpoint).toMatch(r.seq % 2 === 0 ? /^users-/ : /^orders-/);
      const l4 = await lab.runTraffic(trafficSpecSchema.parse({ listener: "edge-l4", requests: 8, paths, keepAlive: false }));
      // Round robin per connection over all four, whatever the path.
      expect(Object.keys(l4.summary.byEndpoint).sort()).toEqual(["orders-1", "orders-2", "users-1", "users-2"]);
      expect(l4.results.some((r) => r.seq % 2 === 0 && r.endpoint!.startsWith("orders-"))).toBe(true);
    } finally {
      await lab.close("request");
    }
  });
});
