// The L7 listener's table of downstream connections: the traffic generator asks it which
// connection id a client address and port got, also just after that connection closed.
import { describe, expect, it } from "vitest";
import { DownstreamTable } from "../../engine/filters/l7/downstream-table";
import type { DownstreamConn } from "../../engine/filters/l7/l7-shared";
import type { SetLinks } from "../../engine/collections/linked-set";

interface Conn extends DownstreamConn, SetLinks<Conn> {}
const conn = (id: string, port: number): Conn => ({ id, client: { address: "127.0.0.1", port }, clientIp: "127.0.0.1", openedAt: 0, requests: 0, setPrev: null, setNext: null });
const client = (port: number) => ({ address: "::ffff:127.0.0.1", port });

describe("downstream table", () => {
  it("names open connections, and the last 1024 closed ones", () => {
    const table = new DownstreamTable<Conn>();
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
    const table = new DownstreamTable<Conn>();
    const closed = (c: Conn) => {
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

  it("finds an open connection by client address and port, and lists the open ones", () => {
    const table = new DownstreamTable<Conn>();
    const [a, b, c] = [conn("a", 1), conn("b", 2), conn("c", 3)];
    for (const x of [a, b, c]) table.add(x);
    table.remove(b);
    expect(table.get("127.0.0.1", 3)).toBe(c);
    expect(table.get("127.0.0.1", 2)).toBeUndefined();
    expect(table.get("127.0.0.2", 1)).toBeUndefined();
    expect([...table].map((x) => x.id)).toEqual(["a", "c"]);
    const reused = conn("c2", 3); // the same client port, before c's close was seen
    table.add(reused);
    expect(table.get("127.0.0.1", 3)).toBe(reused);
    expect(table.idFor(client(3))).toBe("c2");
    table.clear();
    expect(table.size).toBe(0);
    expect(table.idFor(client(1))).toBeUndefined();
  });
});
