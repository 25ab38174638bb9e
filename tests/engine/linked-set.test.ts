// LinkedSet: the set the proxies keep requests in flight and open connections in (a list through
// the items' own fields, instead of a Set; collections/linked-set.ts says why).
import { describe, expect, it } from "vitest";
import { LinkedSet, type SetLinks } from "../../engine/collections/linked-set";

class Item implements SetLinks<Item> {
  setPrev: Item | null = null;
  setNext: Item | null = null;
  constructor(readonly name: string) {}
}
const names = (set: LinkedSet<Item>) => [...set].map((i) => i.name);

describe("LinkedSet", () => {
  it("keeps items in the order they were added, once each", () => {
    const set = new LinkedSet<Item>();
    const [a, b, c] = [new Item("a"), new Item("b"), new Item("c")];
    set.add(a);
    set.add(b);
    set.add(a); // already in: no change
    set.add(c);
    expect(names(set)).toEqual(["a", "b", "c"]);
    expect(set.size).toBe(3);
    expect(set.has(b)).toBe(true);
  });

  it("deletes from the head, the middle and the tail, and an item that leaves points at nothing", () => {
    const set = new LinkedSet<Item>();
    const items = ["a", "b", "c", "d", "e"].map((n) => new Item(n));
    for (const i of items) set.add(i);
    expect(set.delete(items[2]!)).toBe(true);
    expect(set.delete(items[0]!)).toBe(true);
    expect(set.delete(items[4]!)).toBe(true);
    expect(set.delete(items[4]!)).toBe(false); // not in any more
    expect(names(set)).toEqual(["b", "d"]);
    expect(set.size).toBe(2);
    for (const gone of [items[0]!, items[2]!, items[4]!]) {
      expect(set.has(gone)).toBe(false);
      expect(gone.setPrev).toBeNull();
      expect(gone.setNext).toBeNull();
    }
    set.add(items[0]!); // back in, at the end
    expect(names(set)).toEqual(["b", "d", "a"]);
  });

  it("can be emptied and refilled, and a lone item is still a member", () => {
    const set = new LinkedSet<Item>();
    const a = new Item("a");
    set.add(a);
    expect(set.has(a)).toBe(true); // the only item: no links, yet a member
    set.delete(a);
    expect(set.size).toBe(0);
    expect(set.has(a)).toBe(false);
    const b = new Item("b");
    set.add(a);
    set.add(b);
    set.clear();
    expect(set.size).toBe(0);
    expect([...set]).toEqual([]);
    expect(set.has(a) || set.has(b)).toBe(false);
    set.add(b);
    expect(names(set)).toEqual(["b"]);
  });

  it("lets a loop over it delete any item, as closing a connection from a close-all loop does", () => {
    const set = new LinkedSet<Item>();
    const items = ["a", "b", "c", "d"].map((n) => new Item(n));
    for (const i of items) set.add(i);
    const seen: string[] = [];
    for (const i of set) {
      seen.push(i.name);
      set.delete(i);
      if (i.name === "a") set.delete(items[2]!); // another item, ahead of the loop
    }
    expect(seen).toEqual(["a", "b", "c", "d"]); // the loop walks a copy
    expect(set.size).toBe(0);
  });

  it("finds the newest matching item", () => {
    const set = new LinkedSet<Item>();
    for (const n of ["a", "bb", "cc"]) set.add(new Item(n));
    expect(set.findNewest((i) => i.name.length === 2)?.name).toBe("cc");
    expect(set.findNewest((i) => i.name === "a")?.name).toBe("a");
    expect(set.findNewest((i) => i.name === "z")).toBeUndefined();
  });
});
