// The last N closed connections of a listener, by client address and port, so the traffic
// generator can still learn a connection's id just after the listener saw it close. A ring of
// fixed slots: no shift() per connection (it showed in profiles) and no hash table churning at
// traffic rates (see linked-set.ts).

interface Closed {
  address: string;
  port: number;
  id: string;
}

export class RecentlyClosed {
  private readonly slots: (Closed | undefined)[];
  private next = 0;

  constructor(private readonly size: number) {
    this.slots = new Array(size);
  }

  record(address: string, port: number, id: string): void {
    this.slots[this.next] = { address, port, id };
    this.next = (this.next + 1) % this.size;
  }

  /** The id of the newest closed connection from this address and port (a reused port names the newer one). */
  idFor(address: string, port: number): string | undefined {
    for (let back = 1; back <= this.size; back++) {
      const r = this.slots[(this.next - back + this.size) % this.size];
      if (r && r.port === port && r.address === address) return r.id;
    }
    return undefined;
  }

  clear(): void {
    this.slots.fill(undefined);
  }
}
