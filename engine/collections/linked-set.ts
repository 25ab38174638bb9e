// A set of objects that come and go at traffic rates (requests in flight, open connections),
// kept as a doubly linked list through two fields of the items themselves.
//
// Why not a Set: V8 keeps a Set's entries in a hash table that it replaces with a new one on
// every rehash, and adds and deletes at traffic rates rehash it every few dozen operations. The
// new table is allocated in the generation of the table it replaces, and the replaced table still
// points at every entry it held. Once a busy listener's table has been promoted to the old
// generation (an idle moment is enough: it survives two young collections), every replaced table
// is old garbage that points at young requests, so each young collection keeps and promotes
// nearly every request made since the last full collection. Measured on L7 keep-alive after a
// burst of `Connection: close` traffic had promoted the table: 2.1 MB survived each young
// collection instead of 80 KB, each took about 5 ms instead of 1 ms, and the proxy thread
// spent about 15% more CPU per request. A list through the items allocates nothing, and an item
// that leaves points at nothing.
//
// An item belongs to at most one LinkedSet at a time (the fields are its own): declare them in
// the item's class, initialised to null, so its shape never changes.

export interface SetLinks<T> {
  setPrev: T | null;
  setNext: T | null;
}

export class LinkedSet<T extends SetLinks<T>> implements Iterable<T> {
  private head: T | null = null;
  private tail: T | null = null;
  private count = 0;

  get size(): number {
    return this.count;
  }

  has(item: T): boolean {
    return item.setPrev !== null || this.head === item;
  }

  add(item: T): void {
    if (this.has(item)) return;
    item.setPrev = this.tail;
    item.setNext = null;
    if (this.tail) this.tail.setNext = item;
    else this.head = item;
    this.tail = item;
    this.count++;
  }

  delete(item: T): boolean {
    if (!this.has(item)) return false;
    const prev = item.setPrev;
    const next = item.setNext;
    if (prev) prev.setNext = next;
    else this.head = next;
    if (next) next.setPrev = prev;
    else this.tail = prev;
    item.setPrev = null;
    item.setNext = null;
    this.count--;
    return true;
  }

  clear(): void {
    for (let item = this.head; item !== null; ) {
      const next = item.setNext;
      item.setPrev = null;
      item.setNext = null;
      item = next;
    }
    this.head = this.tail = null;
    this.count = 0;
  }

  /** The newest item that `match` accepts; walks no copy. */
  findNewest(match: (item: T) => boolean): T | undefined {
    for (let item = this.tail; item !== null; item = item.setPrev) if (match(item)) return item;
    return undefined;
  }

  /** The items in the order they were added, as a copy: the set may change while it is walked. */
  toArray(): T[] {
    const out: T[] = [];
    for (let item = this.head; item !== null; item = item.setNext) out.push(item);
    return out;
  }

  /** Walks a copy (toArray), so closing an item from inside the loop is safe. */
  [Symbol.iterator](): Iterator<T> {
    return this.toArray()[Symbol.iterator]();
  }
}
