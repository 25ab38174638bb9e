// Bounded replay buffer: a fixed-size ring, so a lab's memory for events never grows with
// traffic. Old events fall off the back; a reconnecting SSE client that asks for something older
// than `oldestId()` is told it missed some (see sse-writer.ts).

export class RingBuffer<T extends { id: number }> {
  private readonly items: (T | undefined)[];
  private head = 0; // next write position
  private size = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError("capacity must be a positive integer");
    this.items = new Array<T | undefined>(capacity);
  }

  push(item: T): void {
    this.items[this.head] = item;
    this.head = (this.head + 1) % this.capacity;
    if (this.size < this.capacity) this.size++;
  }

  get length(): number {
    return this.size;
  }

  /** Id of the oldest retained item, or null when empty. */
  oldestId(): number | null {
    if (this.size === 0) return null;
    return this.items[(this.head - this.size + this.capacity) % this.capacity]!.id;
  }

  /** Items with id > afterId, oldest first. Ids are monotonic, so we can stop scanning early. */
  since(afterId: number): T[] {
    const out: T[] = [];
    for (let i = this.size; i > 0; i--) {
      const item = this.items[(this.head - i + this.capacity) % this.capacity]!;
      if (item.id > afterId) out.push(item);
    }
    return out;
  }

  clear(): void {
    this.items.fill(undefined);
    this.head = 0;
    this.size = 0;
  }
}
