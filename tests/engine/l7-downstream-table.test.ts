// The L7 listener's table of downstream connections: the traffic generator asks it which
// connection id a client address and port got, also just after that connection closed.
import { describe, expect, it } from "vitest";
import { DownstreamTable } from "../../engine/filters/l7/downstream-table";
import type { DownstreamConn } from "../../engine/filters/l7/l7-shared";

const conn = (id: string, port: number): DownstreamConn => ({ id, client: { address: "127.0.0.1", port }, clientIp: "127.0.0.1", openedAt: 0, requests: 0 });
const client = (port: number) => ({ address: "::ffff:127.0.0.1", port });

describe("downstream table", () => {
  it("names open connections, and the last 1024 closed ones", () => {
    const table = new DownstreamTable();
    for (let i = 0; i < 1100; i++) {
      const c = conn(`c${i}`, 20000 + i);
      table.add(c);
      expect(table.idFor(client(20000 + i))).toBe(`c${i}`);
      table.remove(c);
    }
    expect(table.size).toBe(0);
    expect(table.idFor(client(20000 + 75))).toBeUndefined(); // forgotten: 1100 − 1024 = 76 oldest
    expect(table.idFor(client(20000 + 76))).toBe("c76");
    expect(table.idFor(client(20000 + 1099))).toBe("c1099");
  });

  it("keeps the newest connection of a reused client port when the older one's slot is recycled", () => {
    const table = new DownstreamTable();
    const closed = (c: DownstreamConn) => {
      table.add(c);
      table.remove(c);
    };
    closed(conn("old", 30000));
    for (let i = 0; i < 1000; i++) closed(conn(`x${i}`, 40000 + i));
    closed(conn("new", 30000));
    expect(table.size).toBe(0);
    expect(table.idFor(client(30000))).toBe("new");
    // 24 more closes reach "old"'s slot (recorded first); "new" must survive that.
    for (let i = 0; i < 30; i++) closed(conn(`y${i}`, 50000 + i));
    expect(table.idFor(client(30000))).toBe("new");
  });
});
